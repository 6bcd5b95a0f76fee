package io.dapp.domain.build;

import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.image.StoredImage;
import java.util.List;
import java.util.Objects;

/**
 * A built dimg: its stages, first to last, its final image (the last stage's, labelled
 * {@code dapp-dimg=true}) and the stages of the artifacts it imports from (what its stage cache is made of
 * too). A push finds the final image by the last stage's signature, not by name.
 */
public record BuiltDimg(Dimg dimg, List<Stage> stages, StoredImage image, List<Stage> artifactStages) {

  public BuiltDimg {
    Objects.requireNonNull(dimg, "'dimg' must not be null");
    stages = List.copyOf(stages);
    artifactStages = List.copyOf(artifactStages);
    Objects.requireNonNull(image, "'image' must not be null");
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a dimg has at least its from stage");
    }
  }

  public Stage lastStage() {
    return stages.get(stages.size() - 1);
  }

  public long builtStages() {
    return stages.stream().filter(s -> !s.cached()).count();
  }
}
