package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import java.nio.file.Path;
import java.util.Optional;

/** A docker config directory ({@code config.json} and its credential helpers), read-only. */
public interface DockerConfig {

  /** The directory, as docker's {@code --config} and {@code DOCKER_CONFIG} name it. */
  Path directory();

  /**
   * The credentials this config holds for a registry, looked up as docker does; empty when it holds none.
   *
   * @throws DappException when config.json or a credential helper's answer is malformed, or a named helper
   *     is missing
   */
  Optional<RegistryAuth> authFor(RegistryHost host) throws DappException;
}
