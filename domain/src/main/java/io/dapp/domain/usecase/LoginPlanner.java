package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginEnvironment;
import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.login.LoginRequest;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Plans the login of each phase of a command from its targets, options and the environment. */
public final class LoginPlanner implements ExplainLoginUseCase {

  private final LoginPolicy policy;
  private final LoginTargets targets;
  private final Environment environment;

  public LoginPlanner(LoginPolicy policy, LoginTargets targets, Environment environment) {
    this.policy = Objects.requireNonNull(policy, "'policy' must not be null");
    this.targets = Objects.requireNonNull(targets, "'targets' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
  }

  /** With what the environment adds to the command line's registry options (mirrors, say), as the command would run. */
  @Override
  public LoginExplanation explain(CommandInvocation commandLine) throws DappException {
    CommandInvocation invocation = RegistryEnvironment.apply(commandLine, environment);
    List<LoginPlan> plans = new ArrayList<>();
    for (CommandCategory phase : invocation.command().phases()) {
      plans.add(plan(invocation, phase));
    }
    return new LoginExplanation(invocation, plans);
  }

  /** The plan of one phase of {@code invocation}, whose options already hold what the environment adds. */
  public LoginPlan plan(CommandInvocation invocation, CommandCategory phase) throws DappException {
    LoginEnvironment loginEnvironment = LoginEnvironment.from(environment.variables());
    return policy.plan(new LoginRequest(phase, targets.of(invocation, phase), invocation.loginOptions(), loginEnvironment));
  }
}
