package io.dapp.domain.build;

import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.image.StoredImage;
import java.util.List;
import java.util.Objects;

/**
 * A built dimg: its stages, first to last, and its final image (the last stage's, labelled
 * {@code dapp-dimg=true}). A push finds the final image by the last stage's signature, not by name.
 */
public record BuiltDimg(Dimg dimg, List<Stage> stages, StoredImage image) {

  public BuiltDimg {
    Objects.requireNonNull(dimg, "'dimg' must not be null");
    stages = List.copyOf(stages);
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
