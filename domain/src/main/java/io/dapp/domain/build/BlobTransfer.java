package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.transfer.ParallelTransfers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies images from a registry into the local store: the manifest, its config and the layers the store
 * lacks. The blobs move in parallel (at most {@link TransferJobs} at a time), each streamed from the
 * registry straight into the store, which writes it once and keeps it only when its digest matches; the
 * manifest is stored last, when every blob it names is there.
 */
public final class BlobTransfer {

  private final RegistryClient client;
  private final LocalImageStore store;
  private final ManifestReader manifests;
  private final TransferProgress progress;
  private final ParallelTransfers transfers;

  public BlobTransfer(RegistryClient client, LocalImageStore store, ManifestReader manifests,
      TransferProgress progress, TransferJobs jobs) {
    this.client = Objects.requireNonNull(client, "'client' must not be null");
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    this.manifests = Objects.requireNonNull(manifests, "'manifests' must not be null");
    this.progress = Objects.requireNonNull(progress, "'progress' must not be null");
    this.transfers = new ParallelTransfers(jobs);
  }

  /** Pulls the image {@code image} names (resolved for {@code platform} when an index) into the store. */
  public StoredImage pullImage(ImageReference image, Platform platform) throws DappException {
    return pull(image, client.pullImageManifest(image, Optional.of(platform)));
  }

  /**
   * Pulls the image {@code image} names, as {@link #pullImage} does, when the registry has it: its manifest
   * is asked for once, and a 404 means there is none (no HEAD first, which would cost a request per image).
   * A tag that names an index whose entry the registry lacks counts as absent too.
   */
  public Optional<StoredImage> pullImageIfPresent(ImageReference image, Platform platform) throws DappException {
    Manifest manifest;
    try {
      manifest = client.pullImageManifest(image, Optional.of(platform));
    } catch (ManifestUnknownException absent) {
      return Optional.empty();
    }
    return Optional.of(pull(image, manifest));
  }

  /** Pulls the blobs {@code manifest} names that the store lacks, then stores the manifest. */
  private StoredImage pull(ImageReference image, Manifest manifest) throws DappException {
    ImageManifest parsed = manifests.imageManifest(manifest);
    Map<Digest, Descriptor> missing = new LinkedHashMap<>();
    for (Descriptor layer : parsed.layers()) {
      if (!missing.containsKey(layer.digest()) && !store.hasBlob(layer.digest())) {
        missing.put(layer.digest(), layer);
      }
    }
    List<ParallelTransfers.Job<Long>> jobs = new ArrayList<>();
    List<TransferProgress.Transfer> shown = new ArrayList<>();
    for (Descriptor layer : missing.values()) {
      TransferProgress.Transfer transfer = progress.begin(image.toString(), "layer " + layer.digest().shortForm(),
          layer.size());
      shown.add(transfer);
      jobs.add(cancellation -> pull(image.repository(), layer, transfer, cancellation));
    }
    Descriptor config = parsed.config();
    if (!missing.containsKey(config.digest()) && !store.hasBlob(config.digest())) {
      jobs.add(cancellation -> pull(image.repository(), config, TransferProgress.Transfer.IGNORED, cancellation));
    }
    try {
      transfers.run(jobs);
    } catch (DappException | RuntimeException e) {
      shown.forEach(TransferProgress.Transfer::failed); // those that never started end too
      throw e;
    }
    Descriptor stored = store.putBlob(manifest.mediaType().value(), manifest.digest(),
        new ByteArrayInputStream(manifest.content()));
    return store.readImage(stored.digest());
  }

  /** Streams one blob into the store; returns its size. */
  private long pull(Repository repository, Descriptor blob, TransferProgress.Transfer shown,
      ParallelTransfers.Cancellation cancellation) throws DappException {
    // The store's writer may throw only IOException: the registry's own failure is kept aside and rethrown.
    AtomicReference<DappException> registryFailure = new AtomicReference<>();
    try {
      Descriptor stored = store.putBlob(blob.mediaType(), blob.digest(), out -> {
        try {
          client.pullBlob(repository, blob.digest(), out, bytes -> {
            cancellation.check();
            shown.progressed(bytes);
          });
        } catch (DappException e) {
          registryFailure.set(e);
          throw new IOException(e.getMessage(), e);
        }
      });
      shown.finished(TransferOutcome.PULLED);
      return stored.size();
    } catch (OperationFailedException e) {
      shown.failed();
      throw registryFailure.get() != null ? registryFailure.get() : e;
    } catch (RuntimeException | Error e) {
      shown.failed();
      throw e;
    }
  }
}
