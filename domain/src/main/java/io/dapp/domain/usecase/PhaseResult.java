package io.dapp.domain.usecase;

import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.model.CommandCategory;
import java.util.Objects;

/** One phase of a command: the login plan it ran with and what its work did. */
public record PhaseResult(CommandCategory phase, LoginPlan login, WorkResult result) {

  public PhaseResult {
    Objects.requireNonNull(phase, "'phase' must not be null");
    Objects.requireNonNull(login, "'login' must not be null");
    Objects.requireNonNull(result, "'result' must not be null");
  }
}
