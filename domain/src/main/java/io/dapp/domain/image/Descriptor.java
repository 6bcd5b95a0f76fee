package io.dapp.domain.image;

import io.dapp.domain.model.Digest;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An OCI content descriptor: what a manifest or an index says about a blob. */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations) {

  public Descriptor {
    Objects.requireNonNull(mediaType, "'mediaType' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
    if (size < 0) {
      throw new IllegalArgumentException("'size' must not be negative");
    }
    // Sorted, so that the JSON written from a descriptor is always the same.
    annotations = Map.copyOf(annotations);
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Map.of());
  }

  public Map<String, String> sortedAnnotations() {
    return new TreeMap<>(annotations);
  }
}
