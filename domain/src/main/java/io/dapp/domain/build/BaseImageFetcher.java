package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.Platform;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.RegistryOptions;

/** Brings a base image from its registry into the local store. */
public interface BaseImageFetcher {

  /**
   * Makes the manifest, config and layers of {@code image} for {@code platform} present in {@code store},
   * authenticating with the credentials {@code dockerConfig} holds and talking to registries as
   * {@code options} say (at most {@link RegistryOptions#transferJobs()} blobs at once), showing each
   * download on {@code progress}, and returns the stored image.
   */
  StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress)
      throws DappException;

  /**
   * As {@link #fetch(ImageReference, Platform, DockerConfig, RegistryOptions, LocalImageStore, TransferProgress)},
   * saying on {@code console}'s debug lines where the image came from when that is a choice (Docker Hub's
   * mirrors); a fetcher with nothing to say needs no more than the other method.
   */
  default StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress, Console console) throws DappException {
    return fetch(image, platform, dockerConfig, options, store, progress);
  }
}
