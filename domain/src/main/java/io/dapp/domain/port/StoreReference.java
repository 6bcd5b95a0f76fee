package io.dapp.domain.port;

import io.dapp.domain.image.Descriptor;
import java.util.Map;
import java.util.Objects;

/**
 * A reference in the local image store: its name, the manifest it points at, and the annotations recorded
 * on it (which project made it, say), without the reference name annotation itself.
 */
public record StoreReference(String name, Descriptor manifest, Map<String, String> annotations) {

  public StoreReference {
    Objects.requireNonNull(name, "'name' must not be null");
    Objects.requireNonNull(manifest, "'manifest' must not be null");
    annotations = Map.copyOf(annotations);
  }
}
