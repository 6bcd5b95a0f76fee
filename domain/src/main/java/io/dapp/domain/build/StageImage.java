package io.dapp.domain.build;

import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a stage produces before it is stored: a config and its layers, base first. */
record StageImage(ImageConfig config, List<Layer> layers) {

  StageImage {
    Objects.requireNonNull(config, "'config' must not be null");
    layers = List.copyOf(layers);
  }

  static StageImage of(StoredImage image) {
    return new StageImage(image.config(), image.layers());
  }

  StageImage plus(Layer layer, ImageConfig newConfig) {
    List<Layer> all = new ArrayList<>(layers);
    all.add(layer);
    return new StageImage(newConfig, all);
  }
}
