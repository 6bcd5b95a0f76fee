package io.dapp.domain.port;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import java.util.Map;

/** Where docker configs live: the user's, an external one, and the temporary ones of login by dapp. */
public interface DockerConfigStore {

  /**
   * Opens a docker config prepared outside dapp ({@code DAPP_DOCKER_CONFIG}).
   *
   * @throws InvalidInputException when the directory does not exist or its config.json cannot be read
   */
  DockerConfig openExternal(String path) throws InvalidInputException;

  /** Opens the user's default config ({@code $DOCKER_CONFIG} or {@code ~/.docker}); it may not exist. */
  DockerConfig openDefault() throws InvalidInputException;

  /**
   * Writes a new private docker config (directory 0700, config.json 0600) holding these logins. It is
   * removed when closed, and also when the process is interrupted or terminated.
   */
  TemporaryDockerConfig createTemporary(Map<RegistryHost, Credentials> logins) throws OperationFailedException;

  /** Removes temporary configs left by dapp processes that no longer run (a SIGKILLed run, say). */
  int sweepAbandoned();
}
