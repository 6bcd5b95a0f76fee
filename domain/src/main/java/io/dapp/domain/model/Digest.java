package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.regex.Pattern;

/** A content digest, {@code algorithm:hex}; sha256 and sha512 are the ones registries accept. */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    Objects.requireNonNull(algorithm, "'algorithm' must not be null");
    Objects.requireNonNull(hex, "'hex' must not be null");
    boolean valid = switch (algorithm) {
      case "sha256" -> SHA256.matcher(hex).matches();
      case "sha512" -> SHA512.matcher(hex).matches();
      default -> false;
    };
    if (!valid) {
      throw new IllegalArgumentException(UserText.quote(algorithm + ":" + hex) + " is not a sha256 or sha512 digest");
    }
  }

  public static Digest parse(String text) throws InvalidReferenceException {
    Objects.requireNonNull(text, "'text' must not be null");
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new InvalidReferenceException("invalid digest " + UserText.quote(text) + ": expected algorithm:hex");
    }
    try {
      return new Digest(text.substring(0, colon), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidReferenceException("invalid digest " + UserText.quote(text) + ": expected sha256:<64 hex> or sha512:<128 hex>");
    }
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  /** The first 12 hex digits, as docker shows them: {@code sha256:0123456789ab}. */
  public String shortForm() {
    return algorithm + ":" + hex.substring(0, Math.min(12, hex.length()));
  }
}
