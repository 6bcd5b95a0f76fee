package io.dapp.domain.login;

import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.RegistryHost;
import java.util.List;
import java.util.Objects;

/** Everything the login policy decides on. */
public record LoginRequest(
    CommandCategory category, List<RegistryHost> targets, LoginOptions options, LoginEnvironment environment) {

  public LoginRequest {
    Objects.requireNonNull(category, "'category' must not be null");
    targets = List.copyOf(new java.util.LinkedHashSet<>(targets));
    Objects.requireNonNull(options, "'options' must not be null");
    Objects.requireNonNull(environment, "'environment' must not be null");
  }
}
