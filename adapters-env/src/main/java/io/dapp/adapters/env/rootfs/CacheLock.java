package io.dapp.adapters.env.rootfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who uses the unpacked-layer cache: every root filesystem (and every unpacking) holds a shared lock for as
 * long as it lives; removing cached layers takes the exclusive lock, and only when nobody holds the shared
 * one (it never waits for a build). Between processes this is an OS file lock on a lock file that is never
 * deleted; within this process a count, because the OS lock is held per process (a second shared lock of the
 * same JVM on the same file would throw, not share). The count is per lock file for the whole JVM, as the OS
 * lock is (the same reason the store's own lock keeps one map for the JVM).
 */
final class CacheLock {

  private static final ConcurrentHashMap<Path, CacheLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private int holders;
  private FileChannel channel;
  private FileLock lock;

  private CacheLock(Path file) {
    this.file = file;
  }

  static CacheLock of(Path file) {
    return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), CacheLock::new);
  }

  /** Takes a shared hold, waiting while a removal runs; the returned action releases it (once). */
  synchronized Runnable share() throws IOException {
    if (holders == 0) {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        lock = channel.lock(0, Long.MAX_VALUE, true);
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
      FileLock held = exclusive.tryLock(0, Long.MAX_VALUE, false);
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
