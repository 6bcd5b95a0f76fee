package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** An image platform as {@code --platform} writes it: {@code linux/amd64}, {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, Optional<String> variant) {

  private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", Optional.empty());

  public Platform {
    Objects.requireNonNull(os, "'os' must not be null");
    Objects.requireNonNull(architecture, "'architecture' must not be null");
    Objects.requireNonNull(variant, "'variant' must not be null");
    if (!PART.matcher(os).matches() || !PART.matcher(architecture).matches()
        || variant.map(v -> !PART.matcher(v).matches()).orElse(false)) {
      throw new IllegalArgumentException(UserText.quote(os + "/" + architecture + variant.map(v -> "/" + v).orElse(""))
          + " is not a platform");
    }
  }

  public static Platform parse(String text) throws InvalidPlatformException {
    Objects.requireNonNull(text, "'text' must not be null");
    String[] parts = text.trim().split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new InvalidPlatformException("invalid platform " + UserText.quote(text) + ": expected os/architecture[/variant], e.g. linux/amd64");
    }
    try {
      return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new InvalidPlatformException("invalid platform " + UserText.quote(text)
          + ": each part must be lower-case letters, digits, '.', '_' or '-'");
    }
  }

  /**
   * Whether an index entry for {@code candidate} serves this platform. A platform without a variant
   * accepts any variant of its architecture, as docker does for {@code linux/arm64}.
   */
  public boolean accepts(Platform candidate) {
    return os.equals(candidate.os) && architecture.equals(candidate.architecture)
        && (variant.isEmpty() || variant.equals(candidate.variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
