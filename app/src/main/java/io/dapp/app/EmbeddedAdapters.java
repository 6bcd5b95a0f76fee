package io.dapp.app;

import io.dapp.domain.port.CredentialSource;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryClientFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * The adapters an embedding program replaces; each one it leaves empty is the command line's. Built by
 * {@code io.dapp.app.embed.EmbeddedDapp.Builder}, which is what embedders use. Collaborators, not a value:
 * no equality, no {@code toString}.
 */
public final class EmbeddedAdapters {

  private final Optional<Environment> environment;
  private final Optional<DockerConfigStore> dockerConfigs;
  private final Optional<CredentialSource> credentials;
  private final Optional<RegistryClientFactory> registries;

  /**
   * @param environment the variables commands read, instead of the process's
   * @param dockerConfigs where docker configs are, instead of files under HOME and TMPDIR
   * @param credentials where the default docker config's credentials come from (kept in memory, see
   *     {@link CredentialSourceConfigStore}); ignored when {@code dockerConfigs} is given
   * @param registries how registries are talked to, instead of over HTTP
   */
  public EmbeddedAdapters(Optional<Environment> environment, Optional<DockerConfigStore> dockerConfigs,
      Optional<CredentialSource> credentials, Optional<RegistryClientFactory> registries) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.dockerConfigs = Objects.requireNonNull(dockerConfigs, "'dockerConfigs' must not be null");
    this.credentials = Objects.requireNonNull(credentials, "'credentials' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
  }

  Optional<Environment> environment() {
    return environment;
  }

  Optional<DockerConfigStore> dockerConfigs() {
    return dockerConfigs;
  }

  Optional<CredentialSource> credentials() {
    return credentials;
  }

  Optional<RegistryClientFactory> registries() {
    return registries;
  }
}
