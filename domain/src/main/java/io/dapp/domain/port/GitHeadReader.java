package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads which branch and commit the project's git work tree has checked out. */
public interface GitHeadReader {

  /**
   * The HEAD of the git repository that holds {@code projectDirectory} (searching upwards, as git does);
   * empty when the directory is not in a git repository, or the repository has no commit yet.
   *
   * @throws DappException when the repository exists but cannot be read
   */
  Optional<GitHead> read(Path projectDirectory) throws DappException;
}
