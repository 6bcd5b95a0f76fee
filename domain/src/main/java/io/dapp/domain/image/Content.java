package io.dapp.domain.image;

import io.dapp.domain.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Opens a file's bytes from the start; every call gives a new stream, never held in memory by dapp. */
@FunctionalInterface
public interface Content {

  InputStream open() throws IOException;

  /**
   * An identity of exactly these bytes that is known without reading them (git's blob id, a SHA-256 a
   * cache vouches for); empty when only reading the bytes tells. What {@link #open} gives must be the
   * bytes it names.
   */
  default Optional<ContentFingerprint> fingerprint() {
    return Optional.empty();
  }

  /**
   * Told the SHA-256 of these bytes by whoever read them whole for want of a fingerprint (a stage
   * signature): a source that caches identities may keep it, so the bytes are hashed once, by the reader.
   */
  default void hashedWhole(Digest sha256) {
    // most contents have nowhere to keep it
  }

  /** {@code bytes} whose identity is known to be {@code fingerprint}. */
  static Content fingerprinted(ContentFingerprint fingerprint, Content bytes) {
    return new FingerprintedContent(fingerprint, bytes);
  }
}
