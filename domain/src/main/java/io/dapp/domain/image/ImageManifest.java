package io.dapp.domain.image;

import java.util.List;
import java.util.Objects;

/** An image manifest: its config blob and its layers, base first. */
public record ImageManifest(Descriptor config, List<Descriptor> layers) {

  public ImageManifest {
    Objects.requireNonNull(config, "'config' must not be null");
    layers = List.copyOf(layers);
  }
}
