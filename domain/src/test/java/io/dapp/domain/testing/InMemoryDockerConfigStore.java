package io.dapp.domain.testing;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.TemporaryDockerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A docker-config store in memory. It records every temporary config it hands out and whether it was
 * closed, so use-case tests can assert that login by dapp removed its config on every exit path.
 */
public final class InMemoryDockerConfigStore implements DockerConfigStore {

  private final Map<String, InMemoryDockerConfig> externals = new HashMap<>();
  private final List<Temporary> temporaries = new ArrayList<>();
  private InMemoryDockerConfig defaultConfig = new InMemoryDockerConfig(Path.of("/in-memory/home/.docker"), Map.of());
  private OperationFailedException nextCreationFailure;
  private int abandoned;
  private int sweeps;

  /** Makes {@code path} an existing external docker config holding these credentials. */
  public InMemoryDockerConfigStore withExternal(String path, Map<RegistryHost, RegistryAuth> auths) {
    externals.put(path, new InMemoryDockerConfig(Path.of(path), auths));
    return this;
  }

  /** Sets what the user's default docker config holds. */
  public InMemoryDockerConfigStore withDefault(Map<RegistryHost, RegistryAuth> auths) {
    defaultConfig = new InMemoryDockerConfig(defaultConfig.directory(), auths);
    return this;
  }

  /** The next sweep reports this many abandoned configs removed. */
  public InMemoryDockerConfigStore withAbandoned(int count) {
    abandoned = count;
    return this;
  }

  /** The next {@link #createTemporary} fails, as when the temporary directory cannot be written. */
  public InMemoryDockerConfigStore failingNextCreation(String message) {
    nextCreationFailure = new OperationFailedException(message);
    return this;
  }

  @Override
  public DockerConfig openExternal(String path) throws InvalidInputException {
    InMemoryDockerConfig config = externals.get(path);
    if (config == null) {
      throw new InvalidInputException("DAPP_DOCKER_CONFIG=" + path + ": directory does not exist");
    }
    return config;
  }

  @Override
  public DockerConfig openDefault() {
    return defaultConfig;
  }

  @Override
  public TemporaryDockerConfig createTemporary(Map<RegistryHost, Credentials> logins)
      throws OperationFailedException {
    Objects.requireNonNull(logins, "'logins' must not be null");
    if (nextCreationFailure != null) {
      OperationFailedException failure = nextCreationFailure;
      nextCreationFailure = null;
      throw failure;
    }
    Temporary temporary = new Temporary(
        Path.of("/in-memory/tmp/dapp-docker-config-" + (temporaries.size() + 1)), new LinkedHashMap<>(logins));
    temporaries.add(temporary);
    return temporary;
  }

  @Override
  public int sweepAbandoned() {
    sweeps++;
    int removed = abandoned;
    abandoned = 0;
    return removed;
  }

  /** Every temporary config handed out, in order, closed or not. */
  public List<Temporary> temporaries() {
    return List.copyOf(temporaries);
  }

  /** The temporary configs not closed yet: after a command this must be empty. */
  public List<Temporary> liveTemporaries() {
    return temporaries.stream().filter(t -> !t.isClosed()).toList();
  }

  public int sweeps() {
    return sweeps;
  }

  /** A read-only docker config in memory. */
  public static final class InMemoryDockerConfig implements DockerConfig {

    private final Path directory;
    private final Map<RegistryHost, RegistryAuth> auths;

    InMemoryDockerConfig(Path directory, Map<RegistryHost, RegistryAuth> auths) {
      this.directory = directory;
      this.auths = Map.copyOf(auths);
    }

    @Override
    public Path directory() {
      return directory;
    }

    @Override
    public Optional<RegistryAuth> authFor(RegistryHost host) {
      return Optional.ofNullable(auths.get(host));
    }
  }

  /** A temporary config in memory that remembers being closed. */
  public static final class Temporary implements TemporaryDockerConfig {

    private final Path directory;
    private final Map<RegistryHost, Credentials> logins;
    private int closings;

    Temporary(Path directory, Map<RegistryHost, Credentials> logins) {
      this.directory = directory;
      this.logins = Map.copyOf(logins);
    }

    @Override
    public Path directory() {
      return directory;
    }

    @Override
    public Optional<RegistryAuth> authFor(RegistryHost host) {
      if (isClosed()) {
        return Optional.empty();
      }
      return Optional.ofNullable(logins.get(host)).map(RegistryAuth.Basic::new);
    }

    /** The logins it was created with. */
    public Map<RegistryHost, Credentials> logins() {
      return logins;
    }

    public boolean isClosed() {
      return closings > 0;
    }

    /** How often close was called; closing is idempotent, but a test may want to know. */
    public int closings() {
      return closings;
    }

    @Override
    public void close() {
      closings++;
    }
  }
}
