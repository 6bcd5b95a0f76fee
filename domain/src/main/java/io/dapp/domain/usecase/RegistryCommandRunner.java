package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginReason;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfigStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs each phase of a command inside its own login session, so that a temporary docker config exists
 * exactly as long as the work that needs it.
 */
public final class RegistryCommandRunner implements RegistryCommandUseCase {

  private final LoginPlanner planner;
  private final LoginSessions sessions;
  private final DockerConfigStore store;
  private final RegistryWorks works;

  public RegistryCommandRunner(
      LoginPlanner planner, LoginSessions sessions, DockerConfigStore store, RegistryWorks works) {
    this.planner = Objects.requireNonNull(planner, "'planner' must not be null");
    this.sessions = Objects.requireNonNull(sessions, "'sessions' must not be null");
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    this.works = Objects.requireNonNull(works, "'works' must not be null");
  }

  @Override
  public void run(CommandInvocation invocation, Optional<Secret> commandLinePassword, Console console)
      throws DappException {
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
      try (LoginSession session = sessions.open(plan, commandLinePassword)) {
        console.debug("docker config for " + phase.displayName() + ": " + session.dockerConfig().directory());
        works.forCommand(invocation.command()).perform(invocation, phase, session, console);
      }
    }
  }
}
