package io.dapp.adapters.env;

import io.dapp.domain.port.Environment;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;

/** The process environment, copied once so a command sees one consistent set of variables. */
public final class SystemEnvironment implements Environment {

  private final Map<String, String> variables;

  @Inject
  public SystemEnvironment() {
    this(System.getenv());
  }

  /** An environment holding exactly these variables (for tests and embedders). */
  public SystemEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "'variables' must not be null"));
  }

  @Override
  public Map<String, String> variables() {
    return variables;
  }
}
