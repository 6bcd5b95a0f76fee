package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.image.Platform;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.BaseImageFetcher;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryOptions;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pulls a base image from its registry into the local store: the image manifest for the platform, then
 * its config and the layers the store lacks, each verified against its digest.
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
      LocalImageStore store) throws DappException {
    try (RegistryClient client = registries.open(dockerConfig, options)) {
      Manifest manifest = client.pullImageManifest(image, Optional.of(registryPlatform(platform)));
      ImageManifest parsed = manifests.imageManifest(manifest);
      List<Descriptor> blobs = new ArrayList<>();
      blobs.add(parsed.config());
      blobs.addAll(parsed.layers());
      BlobTransfer transfer = new BlobTransfer(client, store);
      for (Descriptor blob : blobs) {
        transfer.pull(image.repository(), blob);
      }
      store.putBlob(manifest.mediaType().value(), manifest.digest(), new ByteArrayInputStream(manifest.content()));
      return store.readImage(manifest.digest());
    }
  }

  static io.dapp.domain.registry.Platform registryPlatform(Platform platform) {
    return new io.dapp.domain.registry.Platform(platform.os(), platform.architecture(), platform.variant());
  }

}
