package io.dapp.domain.usecase;

import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.port.DockerConfig;
import java.util.Objects;

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
}
