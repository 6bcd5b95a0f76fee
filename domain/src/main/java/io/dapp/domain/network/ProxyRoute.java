package io.dapp.domain.network;

import java.util.Objects;
import java.util.Optional;

/**
 * How a request to one host goes: through {@code proxy}, or directly, and why, in words for
 * {@code login-plan} and {@code --debug} (which hold no secret: a proxy is named without its credentials).
 */
public record ProxyRoute(Optional<ProxyAddress> proxy, String reason) {

  public ProxyRoute {
    Objects.requireNonNull(proxy, "'proxy' must not be null");
    Objects.requireNonNull(reason, "'reason' must not be null");
  }

  static ProxyRoute via(ProxyAddress proxy) {
    return new ProxyRoute(Optional.of(proxy), "through the proxy " + proxy.describe());
  }

  static ProxyRoute direct(String why) {
    return new ProxyRoute(Optional.empty(), "direct: " + why);
  }

  @Override
  public String toString() {
    return reason;
  }
}
