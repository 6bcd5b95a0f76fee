package io.dapp.domain.tag;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.regex.Pattern;

/** A tag dimgs are pushed under or deployed from, with its scheme. */
public record DimgTag(String value, TagScheme scheme) {

  private static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public static final DimgTag LATEST = new DimgTag("latest", TagScheme.CUSTOM);

  public DimgTag {
    Objects.requireNonNull(value, "'value' must not be null");
    Objects.requireNonNull(scheme, "'scheme' must not be null");
    if (!DOCKER_TAG.matcher(value).matches()) {
      throw new IllegalArgumentException(UserText.quote(value) + " is not a docker tag");
    }
  }

  /**
   * @param origin the option or variable the value came from, for the message
   * @throws InvalidInputException when the value is not a docker tag
   */
  public static DimgTag of(String value, TagScheme scheme, String origin) throws InvalidInputException {
    Objects.requireNonNull(value, "'value' must not be null");
    if (!DOCKER_TAG.matcher(value).matches()) {
      throw new InvalidInputException(origin + ": '" + value + "' is not a valid docker tag "
          + "(1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-')");
    }
    return new DimgTag(value, scheme);
  }

  @Override
  public String toString() {
    return value + " (" + scheme.label() + ")";
  }
}
