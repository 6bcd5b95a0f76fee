package io.dapp.adapters.env.dockerconfig;

import io.dapp.domain.dockerconfig.DockerConfigKeys;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A docker config directory on disk. config.json is read once, on first use, so one command sees one
 * version of it; a config that is never asked for credentials is never read.
 */
final class FileDockerConfig implements DockerConfig {

  private final Path directory;
  private final ConfigJsonFile file;
  private final ConfigJsonReader reader;
  private final CredentialHelpers helpers;
  private ConfigJson content;

  FileDockerConfig(Path directory, ConfigJsonFile file, ConfigJsonReader reader, CredentialHelpers helpers) {
    this.directory = Objects.requireNonNull(directory, "'directory' must not be null");
    this.file = Objects.requireNonNull(file, "'file' must not be null");
    this.reader = Objects.requireNonNull(reader, "'reader' must not be null");
    this.helpers = Objects.requireNonNull(helpers, "'helpers' must not be null");
  }

  @Override
  public Path directory() {
    return directory;
  }

  /**
   * As docker does it: a credential helper named for this registry in {@code credHelpers} (an empty name
   * there means "this file"), else the {@code credsStore} helper, else the {@code auths} entry.
   */
  @Override
  public Optional<RegistryAuth> authFor(RegistryHost host) throws DappException {
    Objects.requireNonNull(host, "'host' must not be null");
    ConfigJson config = content();
    Optional<String> helperKey = DockerConfigKeys.find(config.credHelpers().keySet(), host);
    Optional<String> helper = helperKey.isPresent()
        ? helperKey.map(config.credHelpers()::get)
        : config.credsStore();
    if (helper.filter(name -> !name.isEmpty()).isPresent()) {
      String configuredIn = file + (helperKey.isPresent() ? " credHelpers" : " credsStore");
      return helpers.get(helper.get(), DockerConfigKeys.keyFor(host), configuredIn);
    }
    Optional<String> key = DockerConfigKeys.find(config.auths().keySet(), host);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return config.auths().get(key.get()).toAuth(file.toString());
  }

  /** Reads config.json now; an external config is checked this way when it is opened. */
  synchronized ConfigJson content() throws InvalidInputException {
    if (content == null) {
      content = reader.read(file);
    }
    return content;
  }

  @Override
  public String toString() {
    return "FileDockerConfig[" + directory + "]";
  }
}
