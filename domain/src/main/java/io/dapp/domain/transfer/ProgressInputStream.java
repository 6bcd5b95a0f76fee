package io.dapp.domain.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Reports how far a stream has been read (bytes read or skipped since it was opened) as its bytes pass,
 * without buffering anything: the position of an upload's source is how much of the blob has been sent.
 */
public final class ProgressInputStream extends FilterInputStream {

  private final LongConsumer progress;
  private long position;

  public ProgressInputStream(InputStream in, LongConsumer progress) {
    super(in);
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    if (skipped > 0) {
      advance(skipped);
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false; // a reset would make the position a lie
  }

  private void advance(long bytes) {
    position += bytes;
    progress.accept(position);
  }
}
