package io.dapp.domain.deploy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * A dimg's image in the registry.
 *
 * @param dimg the dimg's name; empty for the nameless dimg
 * @param image {@code REPO/<dimg>:<tag>}, or {@code REPO:<tag>} for the nameless dimg
 * @param imageId the digest of the image's config, as docker names images
 */
public record DimgImage(Optional<String> dimg, ImageReference image, Digest imageId) {

  public DimgImage {
    Objects.requireNonNull(dimg, "'dimg' must not be null");
    Objects.requireNonNull(image, "'image' must not be null");
    Objects.requireNonNull(imageId, "'imageId' must not be null");
  }
}
