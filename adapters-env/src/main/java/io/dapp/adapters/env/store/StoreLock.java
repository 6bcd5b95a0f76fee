package io.dapp.adapters.env.store;

import io.dapp.adapters.env.files.FileLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion over a store's {@code index.json}, between processes (an OS file lock on a lock file
 * that is never deleted, so two processes never lock two different files) and between threads of this
 * process: those of one store wait in line on its own lock, and another store object of the same directory
 * (another command, another component) waits for the file lock as {@link FileLocks} does.
 */
final class StoreLock {

  private final ReentrantLock threads = new ReentrantLock();

  @FunctionalInterface
  interface Action<T> {
    T run() throws IOException;
  }

  private final Path lockFile;

  StoreLock(Path lockFile) {
    this.lockFile = lockFile.toAbsolutePath().normalize();
  }

  <T> T holding(Action<T> action) throws IOException {
    threads.lock();
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = FileLocks.lock(channel, false)) {
      return action.run();
    } finally {
      threads.unlock();
    }
  }
}
