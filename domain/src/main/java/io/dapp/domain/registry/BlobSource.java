package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Content to upload as a blob. It is opened as a stream, never held in memory, and may be opened again:
 * an upload that fails half-way restarts from the beginning.
 */
public record BlobSource(Digest digest, long size, Opener opener) {

  /** Opens the content from its first byte; every call returns a new stream. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public BlobSource {
    Objects.requireNonNull(digest, "'digest' must not be null");
    Objects.requireNonNull(opener, "'opener' must not be null");
    if (size < 0) {
      throw new IllegalArgumentException("'size' must not be negative");
    }
  }

  /** A file whose digest is already known (layers are hashed while they are written). */
  public static BlobSource ofFile(Path file, Digest digest) throws IOException {
    return new BlobSource(digest, Files.size(file), () -> Files.newInputStream(file));
  }

  /** Small content such as an image config; the digest is computed here. */
  public static BlobSource ofBytes(byte[] content) {
    byte[] copy = content.clone();
    return new BlobSource(Digests.sha256(copy), copy.length, () -> new ByteArrayInputStream(copy));
  }

  @Override
  public String toString() {
    return "BlobSource[" + digest + ", " + size + " bytes]";
  }
}
