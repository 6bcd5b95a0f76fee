package io.dapp.domain.image;

import io.dapp.domain.model.Digests;
import java.util.Objects;

/**
 * An image encoded as the local store encodes it, held in memory and not written there: the bytes of its
 * config and manifest, and the image they describe. For an image that only leaves the store — a pushed
 * image with its tag scheme's labels — since in the store its two blobs would have no name pointing at them.
 * Its layers are in the store.
 */
public record EncodedImage(StoredImage image, byte[] configJson, byte[] manifestJson) {

  public EncodedImage {
    Objects.requireNonNull(image, "'image' must not be null");
    Objects.requireNonNull(configJson, "'configJson' must not be null");
    Objects.requireNonNull(manifestJson, "'manifestJson' must not be null");
    configJson = configJson.clone();
    manifestJson = manifestJson.clone();
    if (!Digests.sha256(configJson).equals(image.manifest().config().digest())) {
      throw new IllegalArgumentException("the config's bytes do not have the digest its manifest names");
    }
    if (!Digests.sha256(manifestJson).equals(image.manifestDescriptor().digest())) {
      throw new IllegalArgumentException("the manifest's bytes do not have the digest of its descriptor");
    }
  }

  @Override
  public byte[] configJson() {
    return configJson.clone();
  }

  @Override
  public byte[] manifestJson() {
    return manifestJson.clone();
  }
}
