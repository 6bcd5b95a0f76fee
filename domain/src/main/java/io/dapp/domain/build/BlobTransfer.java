package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies images from a registry into the local store: the manifest, its config and the layers the store
 * lacks (downloaded through a temporary file, verified against their digests).
 */
public final class BlobTransfer {

  private final RegistryClient client;
  private final LocalImageStore store;
  private final ManifestReader manifests;

  public BlobTransfer(RegistryClient client, LocalImageStore store, ManifestReader manifests) {
    this.client = client;
    this.store = store;
    this.manifests = manifests;
  }

  /** Pulls the image {@code image} names (resolved for {@code platform} when an index) into the store. */
  public StoredImage pullImage(ImageReference image, io.dapp.domain.model.Platform platform) throws DappException {
    Manifest manifest = client.pullImageManifest(image, Optional.of(platform));
    ImageManifest parsed = manifests.imageManifest(manifest);
    pull(image.repository(), parsed.config());
    for (Descriptor layer : parsed.layers()) {
      pull(image.repository(), layer);
    }
    store.putBlob(manifest.mediaType().value(), manifest.digest(), new ByteArrayInputStream(manifest.content()));
    return store.readImage(manifest.digest());
  }

  /** Whether the blob had to be downloaded. */
  boolean pull(Repository repository, Descriptor blob) throws DappException {
    if (store.hasBlob(blob.digest())) {
      return false;
    }
    Path temporary;
    try {
      temporary = Files.createTempFile("dapp-blob-", ".part");
      Files.delete(temporary); // pullBlob makes the file appear only once its bytes are verified
    } catch (IOException e) {
      throw new OperationFailedException("cannot create a temporary file for blob " + blob.digest() + ": "
          + e.getMessage());
    }
    try {
      client.pullBlob(repository, blob.digest(), temporary);
      try (InputStream in = Files.newInputStream(temporary)) {
        store.putBlob(blob.mediaType(), blob.digest(), in);
      }
      return true;
    } catch (IOException e) {
      throw new OperationFailedException("cannot read downloaded blob " + blob.digest() + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the temporary directory is cleaned by the system
      }
    }
  }
}
