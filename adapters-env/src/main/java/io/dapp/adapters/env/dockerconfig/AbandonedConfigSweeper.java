package io.dapp.adapters.env.dockerconfig;

import io.dapp.adapters.env.files.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Optional;

/**
 * Removes the temporary configs of dapp processes that were killed before they could clean up (SIGKILL,
 * a lost machine). Only directories with dapp's name, owned by this user, whose process is gone; links
 * are never followed.
 */
final class AbandonedConfigSweeper {

  private final Path parent;

  AbandonedConfigSweeper(Path parent) {
    this.parent = Objects.requireNonNull(parent, "'parent' must not be null");
  }

  /** @return how many directories were removed; a sweep that cannot look is a sweep that removes nothing */
  int sweep() {
    Optional<UserPrincipal> currentUser = currentUser(parent.getFileSystem());
    if (currentUser.isEmpty() || !Files.isDirectory(parent)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(parent, TemporaryConfigName.GLOB)) {
      for (Path candidate : candidates) {
        if (isAbandoned(candidate, currentUser.get()) && FileTrees.delete(candidate)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The temp directory changed under us or cannot be listed: leftovers wait for the next run.
    }
    return removed;
  }

  private static boolean isAbandoned(Path candidate, UserPrincipal currentUser) {
    Optional<TemporaryConfigName> name = TemporaryConfigName.parse(candidate.getFileName().toString());
    if (name.isEmpty()) {
      return false;
    }
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(candidate, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory()
          && attributes.owner().equals(currentUser)
          && !name.get().owner().isRunning();
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The user this process runs as. The name lookup fails in containers whose uid has no passwd entry;
   * then the owner of the process's own /proc entry tells it.
   */
  private static Optional<UserPrincipal> currentUser(FileSystem fileSystem) {
    try {
      return Optional.of(fileSystem.getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name")));
    } catch (IOException | RuntimeException e) {
      try {
        return Optional.of(Files.getOwner(fileSystem.getPath("/proc/self")));
      } catch (IOException | RuntimeException again) {
        return Optional.empty();
      }
    }
  }
}
