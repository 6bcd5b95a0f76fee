package io.dapp.domain.localstore;

import io.dapp.domain.build.BaseImageFetcher;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.RegistryOptions;

/**
 * Base images for the local cleaning commands, which talk to no registry: only the store's. A base image
 * the store lacks leaves the first stage's signature, and so every stage after it, unknown; the command
 * then stops, before removing anything, rather than take the current stages for old ones.
 */
public final class OfflineBaseImages implements BaseImageFetcher {

  @Override
  public StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress) throws OperationFailedException {
    throw new OperationFailedException("base image " + image + " is not in the local store " + store.location()
        + ", so which stages are current cannot be known without a registry: nothing was removed "
        + "(run dapp dimg build first, or skopeo copy the image into the store)");
  }
}
