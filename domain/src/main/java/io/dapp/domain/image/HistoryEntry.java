package io.dapp.domain.image;

import java.util.Objects;
import java.util.Optional;

/** One step of an image's history, as its config records it; {@code emptyLayer} steps added no layer. */
public record HistoryEntry(Optional<String> created, String createdBy, Optional<String> comment, boolean emptyLayer) {

  public HistoryEntry {
    Objects.requireNonNull(created, "'created' must not be null");
    Objects.requireNonNull(createdBy, "'createdBy' must not be null");
    Objects.requireNonNull(comment, "'comment' must not be null");
  }
}
