package io.dapp.adapters.env.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that appear whole or not at all: written to a temporary file next to the target's directory, flushed
 * to disk, then renamed over the target (an atomic replace on POSIX file systems).
 */
final class AtomicFiles {

  @FunctionalInterface
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** A new temporary file in {@code directory}; the caller moves it into place or deletes it. */
  static Path temporary(Path directory) throws IOException {
    Files.createDirectories(directory);
    return Files.createTempFile(directory, "write-", ".tmp");
  }

  /** Writes {@code writer}'s bytes to {@code file} and flushes them to disk. */
  static void writeDurably(Path file, Writer writer) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = Channels.newOutputStream(channel)) {
      writer.write(out);
      out.flush();
      channel.force(true);
    }
  }

  static void moveIntoPlace(Path temporary, Path target) throws IOException {
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void write(Path target, Path temporaryDirectory, byte[] content) throws IOException {
    Path temporary = temporary(temporaryDirectory);
    try {
      writeDurably(temporary, out -> out.write(content));
      moveIntoPlace(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
