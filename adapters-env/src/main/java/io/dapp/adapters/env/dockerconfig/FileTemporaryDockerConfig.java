package io.dapp.adapters.env.dockerconfig;

import io.dapp.adapters.env.files.FileTrees;
import io.dapp.domain.error.DappException;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.TemporaryDockerConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** A temporary docker config directory; closing deletes it and tells the store it is gone. */
final class FileTemporaryDockerConfig implements TemporaryDockerConfig {

  private final FileDockerConfig config;
  private final Consumer<FileTemporaryDockerConfig> onRemoved;

  FileTemporaryDockerConfig(FileDockerConfig config, Consumer<FileTemporaryDockerConfig> onRemoved) {
    this.config = Objects.requireNonNull(config, "'config' must not be null");
    this.onRemoved = Objects.requireNonNull(onRemoved, "'onRemoved' must not be null");
  }

  @Override
  public Path directory() {
    return config.directory();
  }

  @Override
  public Optional<RegistryAuth> authFor(RegistryHost host) throws DappException {
    return config.authFor(host);
  }

  /**
   * Deletes the directory; a second call finds nothing left and is harmless. A directory that could not be
   * deleted stays known to the store, whose shutdown hook tries again.
   */
  @Override
  public void close() {
    if (FileTrees.delete(directory())) {
      onRemoved.accept(this);
    }
  }

  @Override
  public String toString() {
    return "FileTemporaryDockerConfig[" + directory() + "]";
  }
}
