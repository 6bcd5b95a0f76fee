package io.dapp.adapters.registry;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes from a seed, generated as they are read: a blob of any size that takes
 * no memory and no disk, and is the same every time it is opened.
 */
final class SeededBlobStream extends InputStream {

  private final SplittableRandom random;
  private final long size;
  private long position;
  private long word;
  private int wordBytesLeft;

  SeededBlobStream(long seed, long size) {
    this.random = new SplittableRandom(seed);
    this.size = size;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(length, size - position);
    for (int i = 0; i < n; i++) {
      if (wordBytesLeft == 0) {
        word = random.nextLong();
        wordBytesLeft = 8;
      }
      buffer[offset + i] = (byte) word;
      word >>>= 8;
      wordBytesLeft--;
    }
    position += n;
    return n;
  }
}
