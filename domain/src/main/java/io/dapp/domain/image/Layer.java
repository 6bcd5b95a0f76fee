package io.dapp.domain.image;

import io.dapp.domain.model.Digest;
import java.util.Objects;

/**
 * A layer of an image: the compressed blob a manifest names, and the digest of its uncompressed tar (the
 * config's {@code diff_id}).
 */
public record Layer(Descriptor blob, Digest diffId) {

  public Layer {
    Objects.requireNonNull(blob, "'blob' must not be null");
    Objects.requireNonNull(diffId, "'diffId' must not be null");
  }
}
