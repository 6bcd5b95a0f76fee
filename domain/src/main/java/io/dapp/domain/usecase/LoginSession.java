package io.dapp.domain.usecase;

import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginProcedure;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The docker config one command phase works with. Closing it removes the temporary config of a login by
 * dapp; the user's own configs are never touched.
 */
public final class LoginSession implements AutoCloseable {

  private final LoginPlan plan;
  private final DockerConfig dockerConfig;
  private final AutoCloseable cleanup;

  LoginSession(LoginPlan plan, DockerConfig dockerConfig, AutoCloseable cleanup) {
    this.plan = Objects.requireNonNull(plan, "'plan' must not be null");
    this.dockerConfig = Objects.requireNonNull(dockerConfig, "'dockerConfig' must not be null");
    this.cleanup = cleanup;
  }

  /** The session of a command that talks to no registry: it has no docker config at all. */
  public static LoginSession withoutRegistry(LoginPlan plan) {
    if (!(plan.procedure() instanceof LoginProcedure.NoLogin)) {
      throw new IllegalArgumentException("only a plan without login has a session without docker config");
    }
    return new LoginSession(plan, NoDockerConfig.INSTANCE, null);
  }

  /** For {@code --debug}: the docker config's directory, or why there is none. */
  public String describeDockerConfig() {
    return dockerConfig == NoDockerConfig.INSTANCE ? "none (the command talks to no registry)"
        : dockerConfig.directory().toString();
  }

  public LoginPlan plan() {
    return plan;
  }

  public DockerConfig dockerConfig() {
    return dockerConfig;
  }

  @Override
  public void close() {
    if (cleanup != null) {
      try {
        cleanup.close();
      } catch (Exception e) {
        throw new IllegalStateException("temporary docker config could not be removed", e);
      }
    }
  }

  /** Holds no credentials and has no directory: handing it to anything that needs one is a bug, said loudly. */
  private static final class NoDockerConfig implements DockerConfig {

    static final NoDockerConfig INSTANCE = new NoDockerConfig();

    @Override
    public Path directory() {
      throw new IllegalStateException("a command that talks to no registry has no docker config");
    }

    @Override
    public Optional<RegistryAuth> authFor(RegistryHost host) {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "no docker config";
    }
  }
}
