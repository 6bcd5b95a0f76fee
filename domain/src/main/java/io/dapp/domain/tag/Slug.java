package io.dapp.domain.tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns any text (a branch name, a git tag, a user's tag) into a docker tag and Kubernetes-name-safe slug.
 *
 * <p>Text that is already a slug is kept as it is: lower-case letters, digits and dashes, neither starting
 * nor ending with a dash, at most {@value #MAX_LENGTH} characters. Anything else is transformed (lower
 * case; each run of other characters becomes one dash; dashes trimmed from both ends), cut so that the
 * whole fits in {@value #MAX_LENGTH} characters, and suffixed with a dash and the first
 * {@value #HASH_LENGTH} hex characters of the SHA-256 of the original text. The suffix keeps two texts
 * that transform alike ({@code feature/a} and {@code feature_a}) apart.
 */
public final class Slug {

  /** Helm's limit for release names, which slugs also serve as. */
  public static final int MAX_LENGTH = 53;
  static final int HASH_LENGTH = 8;

  private static final Pattern KEPT = Pattern.compile("[a-z0-9]+(?:-+[a-z0-9]+)*");
  private static final Pattern OTHER = Pattern.compile("[^a-z0-9-]+");

  private Slug() {}

  public static String of(String text) {
    Objects.requireNonNull(text, "'text' must not be null");
    if (text.length() <= MAX_LENGTH && KEPT.matcher(text).matches()) {
      return text;
    }
    String hash = sha256Prefix(text);
    String transformed = trimDashes(OTHER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-"));
    int room = MAX_LENGTH - HASH_LENGTH - 1;
    if (transformed.length() > room) {
      transformed = trimDashes(transformed.substring(0, room));
    }
    return transformed.isEmpty() ? hash : transformed + "-" + hash;
  }

  private static String trimDashes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '-') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '-') {
      end--;
    }
    return text.substring(start, end);
  }

  private static String sha256Prefix(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
