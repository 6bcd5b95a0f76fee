package io.dapp.domain.usecase;

import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.model.RegistryHost;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code dapp registry login-plan} shows: the command as it would run (with what the environment adds to
 * its options), the login plan of each phase, and how each registry would be reached. It holds no secret.
 */
public record LoginExplanation(CommandInvocation invocation, List<LoginPlan> plans) {

  public LoginExplanation {
    Objects.requireNonNull(invocation, "'invocation' must not be null");
    plans = List.copyOf(plans);
  }

  /** Each registry of every phase, once, in order, with how dapp would reach it. */
  public List<RegistryConnection> connections() {
    Set<RegistryHost> hosts = new LinkedHashSet<>();
    plans.forEach(plan -> hosts.addAll(plan.targets()));
    return hosts.stream().map(host -> RegistryConnection.of(host, invocation.registryOptions())).toList();
  }
}
