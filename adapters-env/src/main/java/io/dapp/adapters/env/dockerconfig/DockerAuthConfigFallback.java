package io.dapp.adapters.env.dockerconfig;

import io.dapp.domain.dockerconfig.DockerConfigKeys;
import io.dapp.domain.error.DappException;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The default docker config, and for a registry it holds no credentials for, the {@code auths} of GitLab's
 * {@code DOCKER_AUTH_CONFIG} variable: a config.json as JSON text, read in memory and never written anywhere.
 * The config file's credentials (its auths, credHelpers or credsStore, as docker reads them) take precedence.
 */
final class DockerAuthConfigFallback implements DockerConfig {

  static final String VARIABLE = "DOCKER_AUTH_CONFIG";

  private final DockerConfig file;
  private final ConfigJson variable;

  DockerAuthConfigFallback(DockerConfig file, ConfigJson variable) {
    this.file = Objects.requireNonNull(file, "'file' must not be null");
    this.variable = Objects.requireNonNull(variable, "'variable' must not be null");
  }

  @Override
  public Path directory() {
    return file.directory();
  }

  @Override
  public Optional<RegistryAuth> authFor(RegistryHost host) throws DappException {
    Optional<RegistryAuth> fromFile = file.authFor(host);
    if (fromFile.isPresent()) {
      return fromFile;
    }
    Optional<String> key = DockerConfigKeys.find(variable.auths().keySet(), host);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return variable.auths().get(key.get()).toAuth(variable.origin());
  }

  @Override
  public String toString() {
    return "DockerAuthConfigFallback[" + file + ", $" + VARIABLE + " auths=" + variable.auths().keySet() + "]";
  }
}
