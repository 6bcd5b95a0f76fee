package io.dapp.adapters.env.rootfs;

import io.dapp.adapters.env.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** File-system calls on a path itself, never on what a symlink there points at. */
final class Metadata {

  static final int S_IFMT = 0170000;
  static final int S_IFSOCK = 0140000;
  static final int S_IFLNK = 0120000;
  static final int S_IFREG = 0100000;
  static final int S_IFBLK = 0060000;
  static final int S_IFDIR = 0040000;
  static final int S_IFCHR = 0020000;
  static final int S_IFIFO = 0010000;

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  enum Kind { MISSING, DIRECTORY, SYMLINK, OTHER }

  private Metadata() {}

  static Kind kindOf(Path path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return Kind.MISSING;
    }
    if (attributes.isSymbolicLink()) {
      return Kind.SYMLINK;
    }
    return attributes.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
  }

  static boolean exists(Path path) throws IOException {
    return kindOf(path) != Kind.MISSING;
  }

  /** A real directory: not a symlink to one. */
  static boolean isDirectory(Path path) throws IOException {
    return kindOf(path) == Kind.DIRECTORY;
  }

  /** Removes whatever is at {@code path} (a directory with its content; a symlink, not its target). */
  /** Removes a tree dapp made, never following a link nor entering another file system (see {@link FileTrees}). */
  static void deleteTree(Path path) throws IOException {
    FileTrees.deleteTree(path);
  }

  /** overlayfs's own attributes: never taken from a layer, never put in one. */
  static boolean isOverlayOwn(String xattr) {
    return xattr.startsWith("trusted.overlay.") || xattr.startsWith("user.overlay.");
  }
}
