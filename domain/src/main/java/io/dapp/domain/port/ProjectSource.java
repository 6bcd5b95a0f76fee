package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import java.nio.file.Path;

/** Where a build takes the project's files from. */
public interface ProjectSource {

  /**
   * The project's files: the committed content at HEAD of the git repository that holds
   * {@code projectDirectory}, or, when it is not in a git work tree, the directory as it is.
   */
  ProjectSnapshot open(Path projectDirectory) throws DappException;
}
