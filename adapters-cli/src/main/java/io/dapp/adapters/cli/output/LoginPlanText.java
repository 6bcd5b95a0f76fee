package io.dapp.adapters.cli.output;

import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginProcedure;
import io.dapp.domain.login.LoginReason;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.usecase.CommandInvocation;
import java.util.List;
import java.util.stream.Collectors;

/** The human form of {@code dapp registry login-plan}. Plans hold no secrets, so neither does this. */
public final class LoginPlanText {

  private LoginPlanText() {}

  public static String render(CommandInvocation invocation, List<LoginPlan> plans) {
    StringBuilder text = new StringBuilder();
    text.append("command: dapp ").append(invocation.command().displayName()).append('\n');
    for (LoginPlan plan : plans) {
      text.append('\n').append(plan.category().displayName()).append(" phase\n");
      row(text, "registries", plan.targets().isEmpty() ? "(none)" : hosts(plan.targets()));
      describe(text, plan.procedure());
      text.append("  rules (first match wins):\n");
      int number = 1;
      for (LoginReason reason : plan.reasons()) {
        text.append(String.format("    %d. %-26s %-8s %s%n", number++, reason.rule().title(),
            reason.matched() ? "MATCHED" : "skipped", reason.explanation()));
      }
      plan.warnings().forEach(warning -> text.append("  warning: ").append(warning).append('\n'));
    }
    return text.toString();
  }

  private static void describe(StringBuilder text, LoginProcedure procedure) {
    if (procedure instanceof LoginProcedure.LoginByDapp login) {
      row(text, "procedure", "login by dapp: a temporary docker config, removed when the command ends");
      row(text, "logs into", login.hosts().isEmpty() ? "(no registry)" : hosts(login.hosts()));
      row(text, "user", login.username());
      row(text, "password", "from " + login.passwordSource().label());
    } else if (procedure instanceof LoginProcedure.ExternalDockerConfig external) {
      row(text, "procedure", "external docker config: dapp performs no login");
      row(text, "config", external.path());
    } else if (procedure instanceof LoginProcedure.NoLogin) {
      row(text, "procedure", "none: the command talks to no registry (no login, no docker config)");
    } else {
      row(text, "procedure", "no login: the default docker config ($DOCKER_CONFIG or ~/.docker), read only");
    }
  }

  private static void row(StringBuilder text, String label, String value) {
    text.append(String.format("  %-11s %s%n", label + ":", value));
  }

  private static String hosts(List<RegistryHost> hosts) {
    return hosts.stream().map(RegistryHost::name).collect(Collectors.joining(", "));
  }
}
