package io.dapp.domain.network;

import io.dapp.domain.model.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * The user and password a proxy URL holds ({@code http://USER:PASSWORD@proxy:3128}), sent to that proxy only, as
 * {@code Proxy-Authorization}. Go sends a user without a password too, with an empty one. The record's
 * toString shows neither.
 */
public record ProxyCredentials(String username, Optional<Secret> password) {

  public ProxyCredentials {
    Objects.requireNonNull(username, "'username' must not be null");
    Objects.requireNonNull(password, "'password' must not be null");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("a proxy user name must not be empty");
    }
    if (username.contains(":")) {
      throw new IllegalArgumentException("a proxy user name must not contain ':'");
    }
  }

  /** The password, empty when the URL gave none. */
  public String revealPassword() {
    return password.map(Secret::reveal).orElse("");
  }

  @Override
  public String toString() {
    return "ProxyCredentials[<redacted>]";
  }
}
