package io.dapp.domain.localstore;

import io.dapp.domain.port.StoreReference;
import java.util.Objects;

/** A reference a local cleaning command removes, and why. */
public record Removal(StoreReference reference, String reason) {

  public Removal {
    Objects.requireNonNull(reference, "'reference' must not be null");
    Objects.requireNonNull(reason, "'reason' must not be null");
  }
}
