package io.dapp.domain.login;

import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.RegistryHost;
import java.util.List;
import java.util.Objects;

/** The procedure the policy chose, the ordered reasons behind it, and warnings for the user. */
public record LoginPlan(
    CommandCategory category,
    List<RegistryHost> targets,
    LoginProcedure procedure,
    List<LoginReason> reasons,
    List<String> warnings) {

  public LoginPlan {
    Objects.requireNonNull(category, "'category' must not be null");
    targets = List.copyOf(targets);
    Objects.requireNonNull(procedure, "'procedure' must not be null");
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
    if (reasons.stream().filter(LoginReason::matched).count() != 1) {
      throw new IllegalArgumentException("exactly one rule decides a login plan");
    }
  }

  /** The rule that decided. */
  public LoginRule decidingRule() {
    return reasons.stream().filter(LoginReason::matched).findFirst().orElseThrow().rule();
  }
}
