package io.dapp.domain.build;

import io.dapp.domain.image.StoredImage;
import java.util.Objects;

/** A stage of a dimg as built (or found in the store): what it is, its signature and its image. */
public record Stage(String description, StageSignature signature, boolean cached, StoredImage image) {

  public Stage {
    Objects.requireNonNull(description, "'description' must not be null");
    Objects.requireNonNull(signature, "'signature' must not be null");
    Objects.requireNonNull(image, "'image' must not be null");
  }
}
