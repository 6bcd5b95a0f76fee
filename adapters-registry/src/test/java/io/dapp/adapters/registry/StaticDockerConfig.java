package io.dapp.adapters.registry;

import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.DockerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A docker config in memory, for tests. */
public record StaticDockerConfig(Map<RegistryHost, RegistryAuth> auths) implements DockerConfig {

  public static StaticDockerConfig anonymous() {
    return new StaticDockerConfig(Map.of());
  }

  public static StaticDockerConfig basic(RegistryHost host, String user, String password) {
    return new StaticDockerConfig(Map.of(host, new RegistryAuth.Basic(new Credentials(user, Secret.of(password)))));
  }

  @Override
  public Path directory() {
    return Path.of("/test/docker-config");
  }

  @Override
  public Optional<RegistryAuth> authFor(RegistryHost host) {
    return Optional.ofNullable(auths.get(host));
  }
}
