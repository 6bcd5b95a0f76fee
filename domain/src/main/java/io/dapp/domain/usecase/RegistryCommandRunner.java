package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginReason;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs each phase of a command inside its own login session, so that a temporary docker config exists
 * exactly as long as the work that needs it. With {@code --debug} it says how each registry is reached:
 * proxy or not and why, which TLS files, which mirrors.
 */
public final class RegistryCommandRunner implements RegistryCommandUseCase {

  /** Registries that may be spoken to over plain HTTP, comma-separated, besides {@code --insecure-registry}. */
  public static final String DAPP_INSECURE_REGISTRY = RegistryEnvironment.DAPP_INSECURE_REGISTRY;

  private final LoginPlanner planner;
  private final LoginSessions sessions;
  private final DockerConfigStore store;
  private final RegistryWorks works;
  private final Environment environment;
  private final RegistryClientFactory registries;

  public RegistryCommandRunner(LoginPlanner planner, LoginSessions sessions, DockerConfigStore store,
      RegistryWorks works, Environment environment, RegistryClientFactory registries) {
    this.planner = Objects.requireNonNull(planner, "'planner' must not be null");
    this.sessions = Objects.requireNonNull(sessions, "'sessions' must not be null");
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    this.works = Objects.requireNonNull(works, "'works' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
  }

  @Override
  public CommandResult run(CommandInvocation commandLine, Optional<Secret> commandLinePassword, Console console,
      PhaseListener phases) throws DappException {
    CommandInvocation invocation = RegistryEnvironment.apply(commandLine, environment);
    int swept = store.sweepAbandoned();
    if (swept > 0) {
      console.debug("removed " + swept + " temporary docker config(s) left by dapp runs that were killed");
    }
    if (console.debugging() && !invocation.command().isLocal()) {
      console.debug("proxies: " + invocation.registryOptions().network().proxies().describe());
    }
    List<PhaseResult> results = new ArrayList<>();
    for (CommandCategory phase : invocation.command().phases()) {
      LoginPlan plan = planner.plan(invocation, phase);
      plan.warnings().forEach(console::warn);
      for (LoginReason reason : plan.reasons()) {
        console.debug("login (" + phase.displayName() + "): " + reason.rule().title() + ": "
            + (reason.matched() ? "matched" : "skipped") + ": " + reason.explanation());
      }
      if (console.debugging()) {
        explainConnections(plan, invocation.registryOptions(), console);
      }
      PhaseResult done;
      try (LoginSession session = sessions.open(plan, commandLinePassword, invocation.registryOptions(), console)) {
        console.debug("docker config for " + phase.displayName() + ": " + session.describeDockerConfig());
        done = new PhaseResult(phase, plan,
            works.forCommand(invocation.command()).perform(invocation, phase, session, console));
      }
      results.add(done);
      phases.finished(done);
    }
    return new CommandResult(invocation.command(), results);
  }

  /** For {@code --debug}: how each registry of the phase is reached, and from where Docker Hub's base images come. */
  private void explainConnections(LoginPlan plan, RegistryOptions options, Console console) {
    if (plan.category() == CommandCategory.BUILD && plan.targets().stream().anyMatch(options::mirrored)) {
      console.debug("base images of docker.io: from the mirror(s) " + options.mirrors().stream()
          .map(RegistryMirror::toString).collect(Collectors.joining(", ")) + " in order, then from docker.io");
    }
    for (RegistryHost host : plan.targets()) {
      RegistryConnection connection = RegistryConnection.of(host, options);
      console.debug("connection to " + host + connection.mirrorOf().map(hub -> " (a mirror of " + hub + ")").orElse("")
          + ": https " + connection.https() + connection.http().map(route -> "; plain http " + route).orElse(""));
      console.debug("TLS with " + host + ": " + registries.tlsFiles(host, options).describe());
    }
  }
}
