package io.dapp.adapters.registry;

import io.dapp.domain.registry.BlobSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob's content as slices to send, read through one open stream while the slices follow each other;
 * a slice at another offset (a chunk sent again after a failure, or a registry that kept fewer bytes than
 * it was sent) reopens the source and skips to it. Memory is constant: nothing is read ahead.
 *
 * <p>A slice insists on its exact length: a source that ends early is an {@link IOException}, not a short
 * body that the registry would mistake for the whole blob.
 */
final class BlobChunks implements AutoCloseable {

  private final BlobSource blob;
  private InputStream current;
  private long position;

  BlobChunks(BlobSource blob) {
    this.blob = blob;
  }

  long size() {
    return blob.size();
  }

  /** The bytes {@code [offset, offset + length)}; every call of the opener starts the slice afresh. */
  BlobSource.Opener slice(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > blob.size()) {
      throw new IllegalArgumentException("slice " + offset + "+" + length + " outside a blob of " + blob.size() + " bytes");
    }
    return () -> new Slice(positionAt(offset), length);
  }

  private synchronized InputStream positionAt(long offset) throws IOException {
    if (current == null || position != offset) {
      close();
      current = blob.opener().open();
      position = 0;
      try {
        current.skipNBytes(offset);
      } catch (EOFException e) {
        throw new IOException("the blob's source ends before byte " + offset + " of " + blob.size(), e);
      }
      position = offset;
    }
    return current;
  }

  @Override
  public synchronized void close() throws IOException {
    if (current != null) {
      InputStream closing = current;
      current = null;
      closing.close();
    }
  }

  /** A view of the shared stream that ends after {@code length} bytes and leaves the stream open. */
  private final class Slice extends InputStream {

    private final InputStream in;
    private final long length;
    private long read;

    Slice(InputStream in, long length) {
      this.in = in;
      this.length = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (read >= length) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, length - read));
      if (n < 0) {
        throw new IOException("the blob's source ended after " + (position) + " of " + blob.size() + " bytes");
      }
      read += n;
      synchronized (BlobChunks.this) {
        position += n;
      }
      return n;
    }

    @Override
    public void close() {
      // The stream goes on with the next slice; BlobChunks closes it.
    }
  }
}
