package io.dapp.adapters.env.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removing a directory tree dapp made (a temporary docker config, a stage's run directory, a root
 * filesystem's workspace) without ever reaching beyond it: links are removed, never followed, and a
 * directory on another file system (something still mounted there) is left alone rather than emptied.
 * What disappears meanwhile (a concurrent clean-up) is not an error.
 */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Removes {@code root} and everything below it on its file system.
   *
   * @throws IOException when something could not be removed (a mount point is still there, say)
   */
  public static void deleteTree(Path root) throws IOException {
    Object device;
    try {
      device = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException gone) {
      return;
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(root);
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
        return device.equals(Files.getAttribute(directory, "unix:dev", LinkOption.NOFOLLOW_LINKS))
            ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** As {@link #deleteTree}, never throwing: whether {@code root} is gone. */
  public static boolean delete(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // reported through the result
    }
    return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
  }
}
