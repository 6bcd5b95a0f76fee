package io.dapp.domain.port;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import java.nio.file.Path;

/** Opens the project's git repository, found from the project directory upwards as git does. */
public interface SourceRepositories {

  /**
   * @throws InvalidInputException when there is no git repository at or above {@code projectDirectory}
   * @throws OperationFailedException when the repository cannot be read
   */
  SourceRepository open(Path projectDirectory) throws InvalidInputException, OperationFailedException;
}
