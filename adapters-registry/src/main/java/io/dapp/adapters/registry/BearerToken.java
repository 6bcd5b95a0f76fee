package io.dapp.adapters.registry;

import io.dapp.domain.model.Secret;
import java.time.Instant;
import java.util.Objects;

/** A token from a registry's token service and when dapp stops using it; toString shows no token. */
record BearerToken(Secret value, Instant expiresAt) {

  BearerToken {
    Objects.requireNonNull(value, "'value' must not be null");
    Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
  }

  boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  String authorization() {
    return "Bearer " + value.reveal();
  }

  @Override
  public String toString() {
    return "BearerToken[expiresAt=" + expiresAt + "]";
  }
}
