package io.dapp.domain.image;

import io.dapp.domain.model.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as image layouts and registries name content. */
public final class ContentDigests {

  private ContentDigests() {}

  public static Digest sha256(byte[] content) {
    return of(newSha256().digest(content));
  }

  public static Digest sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh hasher, for content that is streamed rather than held in memory. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The digest a finished SHA-256 hasher computed. */
  public static Digest of(MessageDigest finished) {
    return of(finished.digest());
  }

  private static Digest of(byte[] hash) {
    return new Digest("sha256", HexFormat.of().formatHex(hash));
  }
}
