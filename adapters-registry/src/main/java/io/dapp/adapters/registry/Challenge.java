package io.dapp.adapters.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One challenge of a {@code WWW-Authenticate} header: a scheme (lower case) and its parameters (names lower case). */
record Challenge(String scheme, Map<String, String> parameters) {

  Challenge {
    Objects.requireNonNull(scheme, "'scheme' must not be null");
    scheme = scheme.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  /** Distribution says {@code error="insufficient_scope"} when the token lacks an action, not when it is invalid. */
  boolean isInsufficientScope() {
    return parameter("error").map("insufficient_scope"::equals).orElse(false);
  }
}
