package io.dapp.app;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Platform;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.BaseImageFetcher;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import jakarta.inject.Inject;

/**
 * Stands in for the registry adapter's fetcher until it is wired: a base image already in the local store
 * is used without it (the build looks there first), any other fails plainly.
 */
final class UnavailableBaseImageFetcher implements BaseImageFetcher {

  @Inject
  UnavailableBaseImageFetcher() {
  }

  @Override
  public StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, LocalImageStore store)
      throws OperationFailedException {
    throw new OperationFailedException("pulling base image " + image + " from a registry is not available yet in "
        + "this version of dapp: put it in the local store first, e.g. skopeo copy docker://" + image + " oci:"
        + store.location() + ":" + image);
  }
}
