package io.dapp.domain.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An image in the local store: its manifest's descriptor, the manifest and the config it names. */
public record StoredImage(Descriptor manifestDescriptor, ImageManifest manifest, ImageConfig config) {

  public StoredImage {
    Objects.requireNonNull(manifestDescriptor, "'manifestDescriptor' must not be null");
    Objects.requireNonNull(manifest, "'manifest' must not be null");
    Objects.requireNonNull(config, "'config' must not be null");
    if (manifest.layers().size() != config.diffIds().size()) {
      throw new IllegalArgumentException("the manifest has " + manifest.layers().size()
          + " layer(s) but the config's rootfs has " + config.diffIds().size());
    }
  }

  /** The layers with their diff_ids, base first. */
  public List<Layer> layers() {
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      layers.add(new Layer(manifest.layers().get(i), config.diffIds().get(i)));
    }
    return layers;
  }
}
