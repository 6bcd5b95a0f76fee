package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files of a project at one point: HEAD of its repository, or its directory. Close it after use. */
public interface ProjectSnapshot extends AutoCloseable {

  /** The HEAD commit id; empty when the project is not a git work tree. */
  Optional<String> commit();

  /**
   * The files at or under {@code path} (relative to the repository root; empty for all), sorted by path:
   * regular files and symlinks, never directories. A symlink is listed as a link, never followed.
   */
  List<SourceFile> files(String path) throws OperationFailedException;

  /**
   * The repository's {@code remote.origin.url} as configured (it may hold credentials: never print it);
   * empty when the project is not a git work tree or has no origin. It tells which project this is.
   */
  default Optional<String> originUrl() {
    return Optional.empty();
  }

  /** The root of the git work tree; empty when the project is not a git work tree. */
  default Optional<Path> workTree() {
    return Optional.empty();
  }

  /**
   * Something only {@code --debug} tells, once the files were read: a cache of the project's fingerprints
   * that could not be used (the files were hashed instead). Empty when there is nothing to say.
   */
  default Optional<String> debugNote() {
    return Optional.empty();
  }

  @Override
  void close();
}
