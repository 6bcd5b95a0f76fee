package io.dapp.domain.deploy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.port.Console;
import java.nio.file.Path;
import java.util.Map;

/** Installs or upgrades a Helm release (helm 3, {@code helm upgrade --install}). */
public interface Deployer {

  /**
   * Checked before any registry work, so that a job without helm fails at once.
   *
   * @throws InvalidInputException when helm cannot be found
   */
  void checkAvailable() throws InvalidInputException;

  /**
   * Runs the upgrade with {@code values} given as a values file only helm and this user can read, removed
   * afterwards, and with {@code DOCKER_CONFIG} set to {@code dockerConfigDirectory}.
   *
   * @throws DappException when helm cannot be run or reports a failure
   */
  void deploy(HelmRelease release, Map<String, Object> values, Path dockerConfigDirectory, Console console)
      throws DappException;
}
