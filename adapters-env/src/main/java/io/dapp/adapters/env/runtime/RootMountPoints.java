package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.rootfs.PathsInRoot;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.HostMount;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Readies a root filesystem for a run, the same way for every isolation, before any process runs in it: the
 * directories {@code /proc}, {@code /dev} and {@code /sys} and the files {@code /etc/resolv.conf} and
 * {@code /etc/hosts} exist to be mounted over (created only where missing), and the working directory
 * exists.
 *
 * <p>Mounts are made from outside the root, where a link in it would lead anywhere on the host, so a mount
 * point is used only when it and every directory above it inside the root are real directories (or, for the
 * two files, a real file): nothing here follows a link in the root. A root whose {@code /proc}, {@code /dev}
 * or {@code /sys} is anything else cannot hold a stage. When {@code /etc}, {@code /etc/resolv.conf} or
 * {@code /etc/hosts} is a link, the host's copy is not mounted there: the process sees what the link leads to
 * inside its own root, and is told so.
 */
final class RootMountPoints {

  static final List<String> DIRECTORIES = List.of("proc", "dev", "sys");
  static final String RESOLV_CONF = "etc/resolv.conf";
  static final String HOSTS = "etc/hosts";

  /** Where the host's copies go, and why one of them does not; and where the process's own mounts go. */
  record Plan(boolean resolvConf, boolean hosts, List<String> notices, List<Bind> binds) {
    Plan {
      notices = List.copyOf(notices);
      binds = List.copyOf(binds);
    }
  }

  /**
   * A host directory and where it is mounted: {@code destination} as the root resolves it (absolute, with no
   * link in it: a link in the image cannot lead the mount out of the root).
   */
  record Bind(Path source, String destination) {}

  private RootMountPoints() {}

  /**
   * Creates what is missing of the mount points and the working directory.
   *
   * @throws OperationFailedException when the root cannot hold a stage, in one line naming the path
   */
  static Plan prepare(Path root, String workingDirectory) throws OperationFailedException {
    return prepare(root, workingDirectory, List.of());
  }

  /** As {@link #prepare(Path, String)}, with the mount points of {@code mounts} made too. */
  static Plan prepare(Path root, String workingDirectory, List<HostMount> mounts) throws OperationFailedException {
    try {
      for (String directory : DIRECTORIES) {
        BasicFileAttributes attributes = attributes(root.resolve(directory));
        if (attributes == null) {
          createDirectory(root.resolve(directory));
        } else if (!attributes.isDirectory()) {
          throw new OperationFailedException("the root filesystem's /" + directory + " is "
              + describe(attributes) + ", not a directory: a stage cannot run in it");
        }
      }
      List<String> notices = new ArrayList<>();
      boolean etc = realDirectory(root, "etc", notices);
      boolean resolvConf = etc && realFile(root, RESOLV_CONF, notices);
      boolean hosts = etc && realFile(root, HOSTS, notices);
      createWorkingDirectory(root, workingDirectory);
      List<Bind> binds = new ArrayList<>();
      for (HostMount mount : mounts) {
        binds.add(new Bind(mount.source(), "/" + root.relativize(mountPoint(root, mount.destination()))));
      }
      return new Plan(resolvConf, hosts, notices, binds);
    } catch (IOException e) {
      throw new OperationFailedException("could not ready the root filesystem " + root + " for a stage: "
          + e.getMessage(), e);
    }
  }

  /** The directory a host mount goes on, made inside the root where missing (links followed inside it). */
  private static Path mountPoint(Path root, String destination) throws IOException, OperationFailedException {
    Path inRoot = PathsInRoot.resolve(root, destination);
    BasicFileAttributes attributes = attributes(inRoot);
    if (attributes == null) {
      Files.createDirectories(inRoot);
    } else if (!attributes.isDirectory()) {
      throw new OperationFailedException("the mount point " + destination + " is " + describe(attributes)
          + " in the root filesystem, not a directory");
    }
    if (inRoot.equals(root)) {
      throw new OperationFailedException("the mount point " + destination + " is the root itself");
    }
    return inRoot;
  }

  /** {@code etc}: created when missing; a link (or not a directory) means neither file is mounted. */
  private static boolean realDirectory(Path root, String name, List<String> notices) throws IOException {
    Path path = root.resolve(name);
    BasicFileAttributes attributes = attributes(path);
    if (attributes == null) {
      createDirectory(path);
      return true;
    }
    if (attributes.isDirectory()) {
      return true;
    }
    notices.add("/" + name + " in the root filesystem is " + describe(attributes)
        + ": the host's /etc/resolv.conf and /etc/hosts are not mounted in it");
    return false;
  }

  private static boolean realFile(Path root, String name, List<String> notices) throws IOException {
    Path path = root.resolve(name);
    BasicFileAttributes attributes = attributes(path);
    if (attributes == null) {
      try {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
      } catch (FileAlreadyExistsException e) {
        // Created meanwhile: looked at again below, as any existing file.
        return realFile(root, name, notices);
      }
      return true;
    }
    if (attributes.isRegularFile()) {
      return true;
    }
    notices.add("/" + name + " in the root filesystem is " + describe(attributes) + ": the host's is not mounted"
        + " over it");
    return false;
  }

  /**
   * The working directory, created where missing as runc does: links on the way are followed as the
   * process itself would see them, inside the root ({@code ..} stops at the root, an absolute link starts
   * again from it), so nothing is ever created outside it.
   */
  private static void createWorkingDirectory(Path root, String workingDirectory)
      throws IOException, OperationFailedException {
    Path inRoot = PathsInRoot.resolve(root, workingDirectory);
    BasicFileAttributes attributes = attributes(inRoot);
    if (attributes == null) {
      // No link below the part that exists: PathsInRoot followed every one.
      Files.createDirectories(inRoot);
    } else if (!attributes.isDirectory()) {
      throw new OperationFailedException("the working directory " + workingDirectory + " is "
          + describe(attributes) + " in the root filesystem, not a directory");
    }
  }

  private static void createDirectory(Path path) throws IOException {
    try {
      Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
    }
  }

  /** Null when nothing is there; never follows a link. */
  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String describe(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "a directory";
    }
    return attributes.isRegularFile() ? "a file" : "a special file";
  }
}
