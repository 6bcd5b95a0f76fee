package io.dapp.domain.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What cleanup reads from an image config: when it says it was created, and its labels. */
public record ImageMeta(Optional<Instant> created, Map<String, String> labels) {

  public static final ImageMeta NONE = new ImageMeta(Optional.empty(), Map.of());

  public ImageMeta {
    Objects.requireNonNull(created, "'created' must not be null");
    labels = Map.copyOf(labels);
  }
}
