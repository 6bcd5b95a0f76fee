package io.dapp.adapters.env.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;

/**
 * OS file locks that also wait for this JVM's own holders. The OS holds a file lock per process, so while one
 * of this JVM's channels holds it, {@link FileChannel#lock} throws instead of waiting; two components in one
 * JVM (two embedded calls) share no table that could tell their threads apart, so a lock held here is waited
 * for by polling, as the OS waits for another process's.
 */
public final class FileLocks {

  private static final long FIRST_PAUSE_MILLIS = 2;
  private static final long LONGEST_PAUSE_MILLIS = 50;

  private FileLocks() {}

  /** The whole file, exclusively or shared, waiting for other processes and for this JVM's other holders. */
  public static FileLock lock(FileChannel channel, boolean shared) throws IOException {
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      try {
        return channel.lock(0, Long.MAX_VALUE, shared);
      } catch (OverlappingFileLockException heldInThisJvm) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the lock on a file");
        }
        pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
      }
    }
  }

  /** The whole file exclusively if nobody holds it, this JVM included; null when someone does. */
  public static FileLock tryLockExclusive(FileChannel channel) throws IOException {
    try {
      return channel.tryLock(0, Long.MAX_VALUE, false);
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }
}
