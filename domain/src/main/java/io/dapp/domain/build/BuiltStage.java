package io.dapp.domain.build;

import io.dapp.domain.model.Digest;
import java.util.Objects;

/**
 * One stage as a build left it.
 *
 * @param description which stage: {@code from}, {@code install}, {@code git patch}...
 * @param signature what the stage is made of; its tag in the store and in a registry is {@code dimgstage-<signature>}
 * @param built whether this build made it; false when it was found in the store (reused)
 * @param image the digest of the stage's image manifest
 */
public record BuiltStage(String description, StageSignature signature, boolean built, Digest image) {

  public BuiltStage {
    Objects.requireNonNull(description, "'description' must not be null");
    Objects.requireNonNull(signature, "'signature' must not be null");
    Objects.requireNonNull(image, "'image' must not be null");
  }

  static BuiltStage of(Stage stage) {
    return new BuiltStage(stage.description(), stage.signature(), !stage.cached(),
        stage.image().manifestDescriptor().digest());
  }
}
