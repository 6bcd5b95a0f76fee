package io.dapp.adapters.env.mounts;

import io.dapp.adapters.env.files.FileLocks;
import io.dapp.adapters.env.files.FileTrees;
import io.dapp.domain.dappfile.Mount;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.MountDirectories;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Mount directories under the local store, in {@code .dapp-mounts/}: a build_dir at
 * {@code build/<project>/<to>} (each named by a hash, 0700), held with an exclusive file lock beside it for
 * as long as a stage uses it, so two builds of one project never share a package cache at once; a tmp_dir
 * in {@code tmp/}, new for each stage and removed after it.
 */
public final class StoreMountDirectories implements MountDirectories {

  private static final String DIRECTORY = ".dapp-mounts";

  @Inject
  public StoreMountDirectories() {
  }

  @Override
  public Held hold(Mount mount, ProjectId project, LocalImageStore store) throws DappException {
    Path top = Path.of(store.location()).resolve(DIRECTORY);
    try {
      if (mount.from() == Mount.Kind.TMP_DIR) {
        Path tmp = Files.createTempDirectory(privateDirectory(top.resolve("tmp")), "tmp-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new TemporaryDirectory(tmp);
      }
      Path projectDirectory = privateDirectory(top.resolve("build").resolve(name(project.value())));
      Path directory = privateDirectory(projectDirectory.resolve(name(mount.targetPath())));
      FileChannel channel = FileChannel.open(projectDirectory.resolve(name(mount.targetPath()) + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new BuildDirectory(directory, channel, FileLocks.lock(channel, false));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new OperationFailedException("cannot make the " + mount.from().key() + " for " + mount.to() + " under "
          + top + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int removeBuildDirectories(ProjectId project, LocalImageStore store) throws DappException {
    Path projectDirectory = Path.of(store.location()).resolve(DIRECTORY).resolve("build")
        .resolve(name(project.value()));
    if (!Files.isDirectory(projectDirectory)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> entries = Files.list(projectDirectory)) {
      for (Path entry : entries.filter(Files::isDirectory).toList()) {
        try (FileChannel channel = FileChannel.open(Path.of(entry + ".lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock lock = FileLocks.lock(channel, false)) {
          if (FileTrees.delete(entry)) {
            removed++;
          }
        }
      }
    } catch (IOException e) {
      throw new OperationFailedException("cannot remove the build_dirs in " + projectDirectory + ": "
          + e.getMessage(), e);
    }
    return removed;
  }

  /** A name for a directory that anything can be: the hex of a hash of it. */
  private static String name(String of) {
    return Digests.sha256(of).hex().substring(0, 16);
  }

  private static Path privateDirectory(Path directory) throws IOException {
    Files.createDirectories(directory.getParent());
    try {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (java.nio.file.FileAlreadyExistsException exists) {
      if (!Files.isDirectory(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(directory + " is not a directory");
      }
    }
    return directory;
  }

  private record TemporaryDirectory(Path path) implements Held {
    @Override
    public void close() {
      FileTrees.delete(path);
    }
  }

  private record BuildDirectory(Path path, FileChannel channel, FileLock lock) implements Held {
    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock in any case
      }
    }
  }
}
