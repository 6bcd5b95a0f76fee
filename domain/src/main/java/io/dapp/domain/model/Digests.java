package io.dapp.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Computes content digests the way image layouts and registries name content. */
public final class Digests {

  private Digests() {}

  public static Digest sha256(byte[] content) {
    return of("sha256", newSha256().digest(content));
  }

  public static Digest sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh SHA-256 hasher, for content that is streamed rather than held in memory. */
  public static MessageDigest newSha256() {
    return newHasher("sha256");
  }

  /** A fresh hasher for a digest's algorithm (sha256 or sha512). */
  public static MessageDigest newHasher(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256 and SHA-512", e);
    }
  }

  /** The digest a finished hasher from {@link #newHasher} or {@link #newSha256} computed. */
  public static Digest of(MessageDigest finished) {
    String algorithm = finished.getAlgorithm().equals("SHA-512") ? "sha512" : "sha256";
    return of(algorithm, finished.digest());
  }

  private static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }
}
