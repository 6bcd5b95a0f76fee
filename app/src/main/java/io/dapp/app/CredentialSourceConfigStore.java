package io.dapp.app;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.CredentialSource;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.TemporaryDockerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Docker configs kept in memory for an embedding: the default config asks the embedder's
 * {@link CredentialSource}, and a login by dapp keeps its credentials in memory instead of writing a
 * temporary config. Nothing is read from or written to disk, except an external config that
 * {@code DAPP_DOCKER_CONFIG} names explicitly, which is read as the command line reads it.
 */
final class CredentialSourceConfigStore implements DockerConfigStore {

  /** What the directory of a config that is not on disk says in {@code --debug} lines; nothing is there. */
  static final Path IN_MEMORY = Path.of("(in memory)");

  private final CredentialSource source;
  private final Supplier<DockerConfigStore> files;

  CredentialSourceConfigStore(CredentialSource source, Supplier<DockerConfigStore> files) {
    this.source = Objects.requireNonNull(source, "'source' must not be null");
    this.files = Objects.requireNonNull(files, "'files' must not be null");
  }

  @Override
  public DockerConfig openExternal(String path) throws InvalidInputException {
    return files.get().openExternal(path);
  }

  @Override
  public DockerConfig openDefault() {
    return new DockerConfig() {
      @Override
      public Path directory() {
        return IN_MEMORY;
      }

      @Override
      public Optional<RegistryAuth> authFor(RegistryHost host) throws DappException {
        return source.credentialsFor(host).map(RegistryAuth.Basic::new);
      }
    };
  }

  @Override
  public TemporaryDockerConfig createTemporary(Map<RegistryHost, Credentials> logins) {
    Map<RegistryHost, Credentials> held = Map.copyOf(logins);
    return new TemporaryDockerConfig() {
      @Override
      public Path directory() {
        return IN_MEMORY;
      }

      @Override
      public Optional<RegistryAuth> authFor(RegistryHost host) {
        return Optional.ofNullable(held.get(host)).map(RegistryAuth.Basic::new);
      }

      @Override
      public void close() {
        // nothing was written
      }
    };
  }

  /** Nothing of this store's is ever on disk to be left behind. */
  @Override
  public int sweepAbandoned() {
    return 0;
  }
}
