package io.dapp.domain.transfer;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Hashes and counts the bytes written through it, once each, on their way to {@code out}. Whoever writes a
 * blob into it (a registry download streaming into the local store) can take {@link #digest()} as the
 * digest of what it wrote instead of hashing the same bytes a second time; whoever owns it (the store)
 * checks the same digest before keeping anything. The digest is computed once, when first asked for;
 * nothing may be written after that.
 */
public final class DigestingOutputStream extends FilterOutputStream {

  private final MessageDigest hasher;
  private final String algorithm;
  private long size;
  private Digest digest;

  /** @param algorithm a digest algorithm: {@code sha256} or {@code sha512} */
  public DigestingOutputStream(OutputStream out, String algorithm) {
    super(Objects.requireNonNull(out, "'out' must not be null"));
    this.algorithm = Objects.requireNonNull(algorithm, "'algorithm' must not be null");
    this.hasher = Digests.newHasher(algorithm);
  }

  public String algorithm() {
    return algorithm;
  }

  /** Bytes written so far. */
  public long size() {
    return size;
  }

  @Override
  public void write(int b) throws IOException {
    requireOpenForBytes();
    out.write(b);
    hasher.update((byte) b);
    size++;
  }

  /** Written first, hashed after: bytes the target refused are not counted. No copy, no buffering. */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    requireOpenForBytes();
    out.write(b, off, len);
    hasher.update(b, off, len);
    size += len;
  }

  /** The digest of every byte written; the same every time it is asked. */
  public Digest digest() {
    if (digest == null) {
      digest = Digests.of(hasher);
    }
    return digest;
  }

  private void requireOpenForBytes() {
    if (digest != null) {
      throw new IllegalStateException("the digest of this stream was taken: nothing more may be written");
    }
  }
}
