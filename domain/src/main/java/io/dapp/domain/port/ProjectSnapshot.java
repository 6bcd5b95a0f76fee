package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
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

  @Override
  void close();
}
