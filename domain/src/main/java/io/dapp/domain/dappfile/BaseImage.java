package io.dapp.domain.dappfile;

import io.dapp.domain.model.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dimg is built {@code from}: an image, or {@code scratch} (nothing). The reference is kept as the
 * dappfile wrote it too, because an image copied into the local store by hand is found under that name.
 */
public record BaseImage(Optional<ImageReference> image, String written) {

  public static final String SCRATCH_NAME = "scratch";
  public static final BaseImage SCRATCH = new BaseImage(Optional.empty(), SCRATCH_NAME);

  public BaseImage {
    Objects.requireNonNull(image, "'image' must not be null");
    Objects.requireNonNull(written, "'written' must not be null");
    if (image.isEmpty() != written.equals(SCRATCH_NAME)) {
      throw new IllegalArgumentException("only 'scratch' has no image");
    }
  }

  public static BaseImage of(ImageReference image, String written) {
    return new BaseImage(Optional.of(image), written);
  }

  public boolean isScratch() {
    return image.isEmpty();
  }

  @Override
  public String toString() {
    return image.map(ImageReference::toString).orElse(SCRATCH_NAME);
  }
}
