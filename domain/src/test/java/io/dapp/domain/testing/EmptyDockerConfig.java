package io.dapp.domain.testing;

import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.nio.file.Path;
import java.util.Optional;

/** A docker config that holds no credentials: every registry is spoken to anonymously. */
public record EmptyDockerConfig(Path directory) implements DockerConfig {

  public static EmptyDockerConfig at(String directory) {
    return new EmptyDockerConfig(Path.of(directory));
  }

  @Override
  public Optional<RegistryAuth> authFor(RegistryHost host) {
    return Optional.empty();
  }
}
