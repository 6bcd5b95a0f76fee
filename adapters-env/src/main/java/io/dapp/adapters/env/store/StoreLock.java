package io.dapp.adapters.env.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion over a store's {@code index.json}, between processes (an OS file lock on a lock file
 * that is never deleted, so two processes never lock two different files) and between threads of this
 * process (file locks are held per process: a second thread's lock would throw, not wait).
 */
final class StoreLock {

  /** One lock per lock file for the whole JVM: the file lock cannot tell this process's threads apart. */
  private static final ConcurrentHashMap<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

  @FunctionalInterface
  interface Action<T> {
    T run() throws IOException;
  }

  private final Path lockFile;

  StoreLock(Path lockFile) {
    this.lockFile = lockFile.toAbsolutePath().normalize();
  }

  <T> T holding(Action<T> action) throws IOException {
    ReentrantLock threads = THREADS.computeIfAbsent(lockFile, file -> new ReentrantLock());
    threads.lock();
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.run();
    } finally {
      threads.unlock();
    }
  }
}
