package io.dapp.domain.login;

import io.dapp.domain.model.RegistryHost;
import java.util.List;
import java.util.Objects;

/**
 * How a command gets its registry credentials: the three procedures of dapp's authorization page, and
 * none at all for a command that talks to no registry.
 */
public sealed interface LoginProcedure {

  /** {@code DAPP_DOCKER_CONFIG} names a docker config prepared outside dapp; dapp performs no login. */
  record ExternalDockerConfig(String path) implements LoginProcedure {
    public ExternalDockerConfig {
      Objects.requireNonNull(path, "'path' must not be null");
    }
  }

  /**
   * Dapp writes a temporary docker config with {@code username} and the password from {@code passwordSource}
   * for {@code hosts}, uses it for this command only, and removes it when the command ends.
   */
  record LoginByDapp(List<RegistryHost> hosts, String username, PasswordSource passwordSource)
      implements LoginProcedure {
    public LoginByDapp {
      hosts = List.copyOf(hosts);
      Objects.requireNonNull(username, "'username' must not be null");
      Objects.requireNonNull(passwordSource, "'passwordSource' must not be null");
    }
  }

  /**
   * No login: the user's default docker config is read, never written; with {@code dockerAuthConfig}, the
   * {@code auths} of {@code $DOCKER_AUTH_CONFIG} too, in memory, for registries the config file has no entry for.
   */
  record DefaultDockerConfig(boolean dockerAuthConfig) implements LoginProcedure {

    /** Without {@code $DOCKER_AUTH_CONFIG}. */
    public DefaultDockerConfig() {
      this(false);
    }
  }

  /** The command works on the local image store only: no login, and no docker config is read or written. */
  record NoLogin() implements LoginProcedure {}
}
