package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.Platform;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryOptions;
import java.util.Objects;

/**
 * Pulls a base image from its registry into the local store: the image manifest for the platform, then
 * its config and the layers the store lacks, in parallel, each verified against its digest.
 */
public final class RegistryBaseImageFetcher implements BaseImageFetcher {

  private final RegistryClientFactory registries;
  private final ManifestReader manifests;

  public RegistryBaseImageFetcher(RegistryClientFactory registries, ManifestReader manifests) {
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
    this.manifests = Objects.requireNonNull(manifests, "'manifests' must not be null");
  }

  @Override
  public StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress) throws DappException {
    try (RegistryClient client = registries.open(dockerConfig, options)) {
      return new BlobTransfer(client, store, manifests, progress, options.transferJobs())
          .pullImage(image, registryPlatform(platform));
    }
  }

  public static io.dapp.domain.model.Platform registryPlatform(Platform platform) {
    return new io.dapp.domain.model.Platform(platform.os(), platform.architecture(), platform.variant());
  }

}
