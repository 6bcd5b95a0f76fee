package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Computes content digests the way registries name content. */
public final class Digests {

  private Digests() {}

  public static Digest sha256(byte[] content) {
    MessageDigest sha256 = newSha256();
    return new Digest("sha256", HexFormat.of().formatHex(sha256.digest(content)));
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

  /** The digest a finished hasher names, in the given algorithm. */
  public static Digest of(String algorithm, MessageDigest hasher) {
    return new Digest(algorithm, HexFormat.of().formatHex(hasher.digest()));
  }
}
