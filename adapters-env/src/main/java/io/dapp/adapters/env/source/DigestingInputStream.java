package io.dapp.adapters.env.source;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A file's bytes passed through while their SHA-256 is computed; read from the start to the end with
 * exactly the expected size, the digest is handed on once. Skipping reads through this stream too (the
 * default {@link InputStream#skip}), so no byte escapes the digest.
 */
final class DigestingInputStream extends InputStream {

  private final InputStream in;
  private final long expectedSize;
  private final Consumer<Digest> whenWhole;
  private final MessageDigest hasher = Digests.newSha256();
  private long count;
  private boolean done;

  DigestingInputStream(InputStream in, long expectedSize, Consumer<Digest> whenWhole) {
    this.in = Objects.requireNonNull(in, "'in' must not be null");
    this.expectedSize = expectedSize;
    this.whenWhole = Objects.requireNonNull(whenWhole, "'whenWhole' must not be null");
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      ended();
    } else {
      hasher.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      ended();
    } else {
      hasher.update(buffer, offset, n);
      count += n;
    }
    return n;
  }

  private void ended() {
    if (!done) {
      done = true;
      if (count == expectedSize) {
        whenWhole.accept(Digests.of(hasher));
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
