package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginEnvironment;
import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginProcedure;
import io.dapp.domain.login.PasswordSource;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.TemporaryDockerConfig;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out a login plan: opens the docker config it names, or writes the temporary one and verifies
 * its credentials against each registry, as {@code docker login} does, before any work starts.
 */
public final class LoginSessions {

  private final DockerConfigStore store;
  private final Environment environment;
  private final RegistryClientFactory registries;

  public LoginSessions(DockerConfigStore store, Environment environment, RegistryClientFactory registries) {
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
  }

  /**
   * @param commandLinePassword the value of {@code --registry-password} or of standard input, when the
   *     plan's password comes from the command line
   * @param console where a mirror's failed login verification is reported: it stops nothing, since the
   *     pulls it would serve go to Docker Hub when the mirror fails
   */
  public LoginSession open(LoginPlan plan, Optional<Secret> commandLinePassword, RegistryOptions options,
      Console console) throws DappException {
    LoginProcedure procedure = plan.procedure();
    if (procedure instanceof LoginProcedure.NoLogin) {
      return LoginSession.withoutRegistry(plan);
    }
    if (procedure instanceof LoginProcedure.ExternalDockerConfig external) {
      return new LoginSession(plan, store.openExternal(external.path()), null);
    }
    if (procedure instanceof LoginProcedure.LoginByDapp login) {
      Credentials credentials = new Credentials(login.username(), password(login.passwordSource(), commandLinePassword));
      Map<RegistryHost, Credentials> logins = new LinkedHashMap<>();
      login.hosts().forEach(host -> logins.put(host, credentials));
      TemporaryDockerConfig temporary = store.createTemporary(logins);
      try {
        for (RegistryHost host : login.hosts()) {
          if (isMirror(host, options)) {
            verifyMirrorLogin(host, credentials, options, console);
          } else {
            registries.verifyLogin(host, credentials, options);
          }
        }
      } catch (DappException | RuntimeException e) {
        temporary.close();
        throw e;
      }
      return new LoginSession(plan, temporary, temporary);
    }
    return new LoginSession(plan, store.openDefault(), null);
  }

  private static boolean isMirror(RegistryHost host, RegistryOptions options) {
    return options.mirrors().stream().map(RegistryMirror::host).anyMatch(host::equals);
  }

  private void verifyMirrorLogin(RegistryHost host, Credentials credentials, RegistryOptions options,
      Console console) throws DappException {
    try {
      registries.verifyLogin(host, credentials, options);
    } catch (RegistryException e) {
      console.warn("the login to the mirror " + host + " as " + credentials.username() + " could not be verified ("
          + e.getMessage() + "); base images it does not serve come from docker.io");
    }
  }

  private Secret password(PasswordSource source, Optional<Secret> commandLinePassword) {
    return switch (source) {
      case OPTION, STDIN -> commandLinePassword.orElseThrow(
          () -> new IllegalStateException("the plan expects a password from " + source.label()));
      case CI_JOB_TOKEN -> environment.secret(LoginEnvironment.CI_JOB_TOKEN).orElseThrow(
          () -> new IllegalStateException("the plan expects " + source.label()));
      case CLEANUP_PASSWORD -> environment.secret(LoginEnvironment.DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD)
          .orElseThrow(() -> new IllegalStateException("the plan expects " + source.label()));
    };
  }
}
