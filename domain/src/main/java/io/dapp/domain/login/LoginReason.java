package io.dapp.domain.login;

import java.util.Objects;

/** Why a rule matched or was skipped, in words a CI user can act on. */
public record LoginReason(LoginRule rule, boolean matched, String explanation) {

  public LoginReason {
    Objects.requireNonNull(rule, "'rule' must not be null");
    Objects.requireNonNull(explanation, "'explanation' must not be null");
  }

  static LoginReason matched(LoginRule rule, String explanation) {
    return new LoginReason(rule, true, explanation);
  }

  static LoginReason skipped(LoginRule rule, String explanation) {
    return new LoginReason(rule, false, explanation);
  }
}
