package io.dapp.domain.port;

import io.dapp.domain.model.Secret;
import java.util.Map;
import java.util.Optional;

/** The process environment, read once per command. */
public interface Environment {

  /** A snapshot of all variables. */
  Map<String, String> variables();

  default Optional<String> variable(String name) {
    return Optional.ofNullable(variables().get(name)).filter(v -> !v.isEmpty());
  }

  /** A variable that holds a password or token. */
  default Optional<Secret> secret(String name) {
    return variable(name).map(Secret::of);
  }
}
