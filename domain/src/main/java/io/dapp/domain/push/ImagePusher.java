package io.dapp.domain.push;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.EncodedImage;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestBlobUnknownException;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.transfer.ParallelTransfers;
import io.dapp.domain.transfer.ProgressInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes images of the local store to a registry: only the blobs the target repository lacks are sent
 * (linked from another repository of the registry when this run pushed them there), and a tag that already
 * points at the same manifest is left alone, its blobs unasked. An image's layers and config move in parallel (at most
 * {@link TransferJobs} at a time), each streamed from the store once; its manifest is put only when every
 * one of them arrived. An image's config and manifest come from the store, or from memory for an image the
 * store does not keep. One pusher serves one command: it remembers where it pushed.
 */
public final class ImagePusher {

  private final RegistryClient client;
  private final LocalImageStore store;
  private final Console console;
  private final TransferProgress progress;
  private final ParallelTransfers transfers;
  /** Where each blob went first; written by the transfer threads. */
  private final Map<Digest, Repository> pushedTo = new ConcurrentHashMap<>();

  public ImagePusher(RegistryClient client, LocalImageStore store, Console console, TransferJobs jobs) {
    this.client = Objects.requireNonNull(client, "'client' must not be null");
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    this.console = Objects.requireNonNull(console, "'console' must not be null");
    this.progress = console.transfers();
    this.transfers = new ParallelTransfers(jobs);
  }

  /** Pushes an image of the store: its config and manifest are read from there. */
  public PushedTag push(StoredImage image, ImageReference target) throws DappException {
    return push(image, fromStore(image.manifest().config()), storedManifest(image), target, false);
  }

  /**
   * Pushes a stage of the store, unless the tag already names another manifest: then the registry's stage
   * stays. Two runners can build one signature at once, and a shell stage's layer need not come out the
   * same twice; the first stage pushed is the one every later build continues from. The registry API has
   * no conditional put, so the tag is checked again just before the manifest is put: only a push landing
   * between that check and the put can still be replaced.
   */
  public PushedTag pushUnlessTagged(StoredImage image, ImageReference target) throws DappException {
    return push(image, fromStore(image.manifest().config()), storedManifest(image), target, true);
  }

  private Manifest storedManifest(StoredImage image) throws OperationFailedException {
    return new Manifest(new MediaType(image.manifestDescriptor().mediaType()),
        readAll(image.manifestDescriptor().digest()));
  }

  /** Pushes an image whose config and manifest are in memory only; its layers are read from the store. */
  public PushedTag push(EncodedImage image, ImageReference target) throws DappException {
    return push(image.image(), BlobSource.ofBytes(image.configJson()),
        new Manifest(new MediaType(image.image().manifestDescriptor().mediaType()), image.manifestJson()), target,
        false);
  }

  private PushedTag push(StoredImage image, BlobSource config, Manifest manifest, ImageReference target,
      boolean keepExisting) throws DappException {
    Repository repository = target.repository();
    // Layers first, in the image's order (that is the order of their lines), then the config; a blob
    // named twice is sent once.
    Map<Digest, Descriptor> layers = new LinkedHashMap<>();
    image.layers().forEach(layer -> layers.putIfAbsent(layer.blob().digest(), layer.blob()));
    // The tag first: when it already names this manifest, the registry holds every blob the manifest
    // names (it refuses a manifest otherwise), so one request settles a re-push that would cost one per blob.
    Optional<ManifestDescriptor> current = client.checkManifest(target);
    if (current.isPresent() && current.get().digest().equals(manifest.digest())) {
      for (Descriptor layer : layers.values()) {
        progress.begin(target.toString(), "layer " + layer.digest().shortForm(), layer.size())
            .finished(TransferOutcome.ALREADY_PRESENT);
      }
      int blobs = layers.size() + (layers.containsKey(config.digest()) ? 0 : 1);
      return new PushedTag(target, manifest.digest(), manifest.digest(), PushedTag.Outcome.UP_TO_DATE, 0, 0, blobs,
          0);
    }
    if (keepExisting && current.isPresent()) {
      return kept(target, current.get(), manifest);
    }
    List<Sent> sent = pushBlobs(repository, target, layers.values(), config, true);
    if (keepExisting) {
      Optional<ManifestDescriptor> meanwhile = client.checkManifest(target);
      if (meanwhile.isPresent() && !meanwhile.get().digest().equals(manifest.digest())) {
        return kept(target, meanwhile.get(), manifest);
      }
    }
    try {
      client.pushManifest(target, manifest);
    } catch (ManifestBlobUnknownException committing) {
      // Another upload of one of these blobs to this repository (a parallel job pushing the same image)
      // was being committed: the registry briefly knew the blob in neither. Check them all once more.
      console.debug(target + ": " + committing.getMessage() + "; checking its blobs again");
      List<Sent> again = pushBlobs(repository, target, layers.values(), config, false);
      client.pushManifest(target, manifest);
      // a blob found present the second time was sent the first, and is counted as sent
      for (int i = 0; i < sent.size(); i++) {
        if (sent.get(i).result() == BlobPush.ALREADY_PRESENT) {
          sent.set(i, again.get(i));
        }
      }
    }
    return new PushedTag(target, manifest.digest(), manifest.digest(), PushedTag.Outcome.PUSHED,
        count(sent, BlobPush.UPLOADED),
        count(sent, BlobPush.MOUNTED), count(sent, BlobPush.ALREADY_PRESENT), sent.stream()
            .filter(blob -> blob.result() == BlobPush.UPLOADED).mapToLong(Sent::size).sum());
  }

  /** One blob made present in the target repository, and how. */
  private record Sent(BlobPush result, long size) {}

  private static int count(List<Sent> sent, BlobPush result) {
    return (int) sent.stream().filter(blob -> blob.result() == result).count();
  }

  /** The tag names another build's stage, which stays. */
  private static PushedTag kept(ImageReference target, ManifestDescriptor registrys, Manifest ours) {
    return new PushedTag(target, registrys.digest(), ours.digest(), PushedTag.Outcome.KEPT, 0, 0, 0, 0);
  }

  /**
   * Makes the layers and config present in the repository, {@code jobs} at a time; shown as progress or not.
   * Returns how each went: the layers in order, then the config when it is no layer.
   */
  private List<Sent> pushBlobs(Repository repository, ImageReference target, Collection<Descriptor> layers,
      BlobSource config, boolean visible) throws DappException {
    List<ParallelTransfers.Job<Sent>> jobs = new ArrayList<>();
    List<TransferProgress.Transfer> shown = new ArrayList<>();
    for (Descriptor layer : layers) {
      TransferProgress.Transfer transfer = !visible ? TransferProgress.Transfer.IGNORED
          : progress.begin(target.toString(), "layer " + layer.digest().shortForm(), layer.size());
      shown.add(transfer);
      jobs.add(cancellation -> new Sent(pushBlob(repository, fromStore(layer), transfer, cancellation), layer.size()));
    }
    if (layers.stream().noneMatch(layer -> layer.digest().equals(config.digest()))) {
      jobs.add(cancellation -> new Sent(pushBlob(repository, config, TransferProgress.Transfer.IGNORED, cancellation),
          config.size()));
    }
    try {
      return new ArrayList<>(transfers.run(jobs));
    } catch (DappException | RuntimeException e) {
      shown.forEach(TransferProgress.Transfer::failed); // those that never started end too
      throw e;
    }
  }

  private BlobSource fromStore(Descriptor blob) {
    return new BlobSource(blob.digest(), blob.size(), () -> open(blob.digest()));
  }

  private BlobPush pushBlob(Repository repository, BlobSource blob, TransferProgress.Transfer shown,
      ParallelTransfers.Cancellation cancellation) throws DappException {
    try {
      Optional<Repository> mountFrom = Optional.ofNullable(pushedTo.get(blob.digest()))
          .filter(from -> from.host().equals(repository.host()) && !from.equals(repository));
      BlobSource counted = new BlobSource(blob.digest(), blob.size(), () -> new ProgressInputStream(
          blob.opener().open(), bytes -> {
            cancellation.check();
            shown.progressed(bytes);
          }));
      BlobPush result = client.pushBlob(repository, counted, mountFrom);
      pushedTo.putIfAbsent(blob.digest(), repository);
      shown.finished(outcome(result));
      return result;
    } catch (DappException | RuntimeException | Error e) {
      shown.failed();
      throw e;
    }
  }

  private InputStream open(Digest digest) throws IOException {
    try {
      return store.openBlob(digest);
    } catch (OperationFailedException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private byte[] readAll(Digest digest) throws OperationFailedException {
    try (InputStream in = store.openBlob(digest)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + digest + " from " + store.location() + ": " + e.getMessage());
    }
  }

  private static TransferOutcome outcome(BlobPush result) {
    return switch (result) {
      case UPLOADED -> TransferOutcome.PUSHED;
      case MOUNTED -> TransferOutcome.MOUNTED;
      case ALREADY_PRESENT -> TransferOutcome.ALREADY_PRESENT;
    };
  }
}
