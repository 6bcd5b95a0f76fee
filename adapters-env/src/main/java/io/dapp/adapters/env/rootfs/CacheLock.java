package io.dapp.adapters.env.rootfs;

import io.dapp.adapters.env.files.FileLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who uses the unpacked-layer cache: every root filesystem (and every unpacking) holds a shared lock for as
 * long as it lives; removing cached layers takes the exclusive lock, and only when nobody holds the shared
 * one (it never waits for a build). Between processes this is an OS file lock on a lock file that is never
 * deleted; within this process a count, because the OS lock is held per process (a second shared lock of the
 * same JVM on the same file would throw, not share). The count is per lock file and per {@link CacheLocks}
 * (one per component); another component of the same JVM waits for the OS lock as {@link FileLocks} does, so
 * two embedded builds on one store take turns with its layer cache.
 */
final class CacheLock {

  private final Path file;
  private int holders;
  private FileChannel channel;
  private FileLock lock;

  CacheLock(Path file) {
    this.file = file;
  }

  /** Takes a shared hold, waiting while a removal runs; the returned action releases it (once). */
  synchronized Runnable share() throws IOException {
    if (holders == 0) {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        lock = FileLocks.lock(channel, true);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }
    holders++;
    boolean[] released = {false};
    return () -> {
      synchronized (this) {
        if (!released[0]) {
          released[0] = true;
          unshare();
        }
      }
    };
  }

  private void unshare() {
    holders--;
    if (holders == 0) {
      try {
        lock.release();
        channel.close();
      } catch (IOException ignored) {
        // closing the channel releases the lock in any case
      }
      lock = null;
      channel = null;
    }
  }

  @FunctionalInterface
  interface Exclusive<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} holding the exclusive lock; returns null without running it when anyone uses the cache. */
  synchronized <T> T ifUnused(Exclusive<T> action) throws IOException {
    if (holders > 0) {
      return null;
    }
    try (FileChannel exclusive = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      FileLock held = FileLocks.tryLockExclusive(exclusive);
      if (held == null) {
        return null;
      }
      try {
        return action.run();
      } finally {
        held.release();
      }
    }
  }
}
