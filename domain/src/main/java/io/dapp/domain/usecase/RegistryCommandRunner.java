package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginReason;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryOptions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs each phase of a command inside its own login session, so that a temporary docker config exists
 * exactly as long as the work that needs it.
 */
public final class RegistryCommandRunner implements RegistryCommandUseCase {

  /** Registries that may be spoken to over plain HTTP, comma-separated, besides {@code --insecure-registry}. */
  public static final String DAPP_INSECURE_REGISTRY = "DAPP_INSECURE_REGISTRY";

  private final LoginPlanner planner;
  private final LoginSessions sessions;
  private final DockerConfigStore store;
  private final RegistryWorks works;
  private final Environment environment;

  public RegistryCommandRunner(LoginPlanner planner, LoginSessions sessions, DockerConfigStore store,
      RegistryWorks works, Environment environment) {
    this.planner = Objects.requireNonNull(planner, "'planner' must not be null");
    this.sessions = Objects.requireNonNull(sessions, "'sessions' must not be null");
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    this.works = Objects.requireNonNull(works, "'works' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
  }

  @Override
  public void run(CommandInvocation commandLine, Optional<Secret> commandLinePassword, Console console)
      throws DappException {
    CommandInvocation invocation = withInsecureRegistriesFromEnvironment(commandLine);
    int swept = store.sweepAbandoned();
    if (swept > 0) {
      console.debug("removed " + swept + " temporary docker config(s) left by dapp runs that were killed");
    }
    for (CommandCategory phase : invocation.command().phases()) {
      LoginPlan plan = planner.plan(invocation, phase);
      plan.warnings().forEach(console::warn);
      for (LoginReason reason : plan.reasons()) {
        console.debug("login (" + phase.displayName() + "): " + reason.rule().title() + ": "
            + (reason.matched() ? "matched" : "skipped") + ": " + reason.explanation());
      }
      try (LoginSession session = sessions.open(plan, commandLinePassword, invocation.registryOptions())) {
        console.debug("docker config for " + phase.displayName() + ": " + session.describeDockerConfig());
        works.forCommand(invocation.command()).perform(invocation, phase, session, console);
      }
    }
  }

  private CommandInvocation withInsecureRegistriesFromEnvironment(CommandInvocation invocation)
      throws InvalidReferenceException {
    Optional<String> listed = environment.variable(DAPP_INSECURE_REGISTRY);
    if (listed.isEmpty()) {
      return invocation;
    }
    RegistryOptions options = invocation.registryOptions();
    Set<RegistryHost> insecure = new LinkedHashSet<>(options.insecureRegistries());
    for (String address : listed.get().split(",")) {
      if (!address.isBlank()) {
        insecure.add(RegistryHost.parse(address));
      }
    }
    return invocation.withRegistryOptions(
        new RegistryOptions(insecure, options.defaultPlatform(), options.retryPolicy()));
  }
}
