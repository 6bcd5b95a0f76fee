package io.dapp.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.CollectedGarbage;
import io.dapp.domain.port.GarbageCollection;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.StoreReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LocalImageStore} does to be cleaned: attributed references, untagging, and a garbage
 * collection that removes only old blobs no reference reaches. Run against the OCI layout and the fake.
 */
public abstract class LocalImageStoreCleaningContract {

  /** Older than the one hour a collection below keeps unreferenced blobs for. */
  protected static final Duration OLD = Duration.ofHours(2);

  /** A new, empty store for each test. */
  protected abstract LocalImageStore store() throws Exception;

  /** Makes the blob look last written {@code age} earlier than it was. */
  protected abstract void backdate(LocalImageStore store, Digest blob, Duration age) throws Exception;

  private static GarbageCollection collection() {
    return GarbageCollection.removing(Instant.now().minus(Duration.ofHours(1)));
  }

  @Test
  void tagWithAnnotations_recordsThemOnTheReference_andAPlainTagReplacesThem() throws Exception {
    LocalImageStore store = store();
    StoredImage image = image(store, "a");

    store.tag("backend", image.manifestDescriptor(), Map.of("io.dapp.project", "example.com/web/shop"));
    store.tag("docker.io/library/alpine:3.19", image.manifestDescriptor());

    assertThat(store.references()).containsExactly(
        new StoreReference("backend", plain(image.manifestDescriptor()), Map.of("io.dapp.project", "example.com/web/shop")),
        new StoreReference("docker.io/library/alpine:3.19", plain(image.manifestDescriptor()), Map.of()));
    assertThat(store.resolve("backend")).map(Descriptor::digest).contains(image.manifestDescriptor().digest());

    store.tag("backend", image.manifestDescriptor());

    assertThat(store.references()).extracting(StoreReference::annotations).containsOnly(Map.of());
  }

  @Test
  void untag_removesTheNameButNoBlob_andSaysWhatItPointedAt() throws Exception {
    LocalImageStore store = store();
    StoredImage image = image(store, "a");
    store.tag("backend", image.manifestDescriptor(), Map.of("io.dapp.project", "p"));
    store.tag("frontend", image.manifestDescriptor());

    Optional<Descriptor> removed = store.untag("backend");

    assertThat(removed).map(Descriptor::digest).contains(image.manifestDescriptor().digest());
    assertThat(store.names()).containsExactly("frontend");
    assertThat(store.references()).extracting(StoreReference::name).containsExactly("frontend");
    assertThat(store.readImage(image.manifestDescriptor().digest())).isEqualTo(image);
    assertThat(store.untag("backend")).isEmpty();
  }

  @Test
  void collectGarbage_keepsEveryBlobAReferenceReaches_howeverOld() throws Exception {
    LocalImageStore store = store();
    StoredImage image = image(store, "a");
    store.tag("backend", image.manifestDescriptor());
    backdateAll(store, image);

    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isZero();
    assertThat(store.readImage(image.manifestDescriptor().digest())).isEqualTo(image);
  }

  @Test
  void collectGarbage_removesOldBlobsNoReferenceReaches_andCountsTheirBytes() throws Exception {
    LocalImageStore store = store();
    StoredImage kept = image(store, "kept");
    StoredImage dropped = image(store, "dropped");
    store.tag("backend", kept.manifestDescriptor());
    backdateAll(store, kept);
    backdateAll(store, dropped);

    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isEqualTo(3);
    assertThat(garbage.blobBytes()).isEqualTo(sizes(dropped));
    assertThat(garbage.recentBlobsKept()).isZero();
    for (Digest blob : blobs(dropped)) {
      assertThat(store.hasBlob(blob)).as(blob.toString()).isFalse();
    }
    assertThat(store.readImage(kept.manifestDescriptor().digest())).isEqualTo(kept);
  }

  @Test
  void collectGarbage_keepsRecentBlobsNoReferenceReaches_forTheWriterAboutToNameThem() throws Exception {
    LocalImageStore store = store();
    StoredImage unnamed = image(store, "being built");

    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isZero();
    assertThat(garbage.recentBlobsKept()).isEqualTo(3);
    assertThat(garbage.recentBytesKept()).isEqualTo(sizes(unnamed));
    store.tag("backend", unnamed.manifestDescriptor());
    assertThat(store.readImage(unnamed.manifestDescriptor().digest())).isEqualTo(unnamed);
  }

  @Test
  void aLayerOfAnUntaggedImage_staysWhileAnotherReferenceReachesIt() throws Exception {
    LocalImageStore store = store();
    Layer shared = layer(store, "shared");
    StoredImage first = store.putImage(config(shared, "first"), List.of(shared));
    StoredImage second = store.putImage(config(shared, "second"), List.of(shared));
    store.tag("first", first.manifestDescriptor());
    store.tag("second", second.manifestDescriptor());
    backdateAll(store, first);
    backdateAll(store, second);

    store.untag("first");
    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isEqualTo(2);
    assertThat(store.hasBlob(first.manifestDescriptor().digest())).isFalse();
    assertThat(store.readImage(second.manifestDescriptor().digest())).isEqualTo(second);
  }

  @Test
  void aDryRun_removesNothing_andCountsWhatRemovingTheIgnoredNamesWouldFree() throws Exception {
    LocalImageStore store = store();
    StoredImage image = image(store, "a");
    store.tag("backend", image.manifestDescriptor());
    backdateAll(store, image);

    CollectedGarbage preview = store.collectGarbage(
        GarbageCollection.preview(Instant.now().minus(Duration.ofHours(1)), Set.of("backend")));

    assertThat(preview.blobs()).isEqualTo(3);
    assertThat(preview.blobBytes()).isEqualTo(sizes(image));
    assertThat(store.names()).containsExactly("backend");
    assertThat(store.readImage(image.manifestDescriptor().digest())).isEqualTo(image);
    store.untag("backend");
    assertThat(store.collectGarbage(collection())).isEqualTo(preview);
  }

  @Test
  void anOldBlobThatHasBlobFound_countsAsJustWritten_soTheFinderCanNameIt() throws Exception {
    LocalImageStore store = store();
    Layer layer = layer(store, "a layer a failed build left");
    backdate(store, layer.blob().digest(), OLD);

    assertThat(store.hasBlob(layer.blob().digest())).isTrue();
    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isZero();
    assertThat(garbage.recentBlobsKept()).isEqualTo(1);
    assertThat(store.hasBlob(layer.blob().digest())).isTrue();
  }

  /**
   * A writer builds each image on a layer it finds in the store (left, old, by an earlier build, and reached
   * by nothing until the writer names its image; when a collection took it first, the writer writes it
   * again) and on a layer it writes, while collections run again and again: every image it names is whole,
   * and the old garbage goes.
   */
  @Test
  void aWriterInAnotherThread_isNotRobbed_byCollectionsRunningMeanwhile() throws Exception {
    LocalImageStore store = store();
    int images = 40;
    StoredImage garbage = image(store, "garbage");
    backdateAll(store, garbage);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<List<String>> writer = threads.submit(() -> {
        List<String> names = new ArrayList<>();
        try {
          for (int i = 0; i < images; i++) {
            Layer reused = layer(store, "layer another build left " + i);
            try {
              backdate(store, reused.blob().digest(), OLD);
            } catch (Exception collected) {
              // a collection took it already: found missing below
            }
            if (!store.hasBlob(reused.blob().digest())) {
              byte[] content = ("layer another build left " + i).getBytes(StandardCharsets.UTF_8);
              store.putBlob(reused.blob().mediaType(), out -> out.write(content));
            }
            Layer own = layer(store, "layer " + i);
            StoredImage image = store.putImage(config(List.of(reused, own), "image " + i), List.of(reused, own));
            store.tag("image-" + i, image.manifestDescriptor());
            names.add("image-" + i);
          }
        } finally {
          writing.set(false);
        }
        return names;
      });
      Future<Integer> collector = threads.submit(() -> {
        int runs = 0;
        while (writing.get() || runs == 0) {
          store.collectGarbage(collection());
          runs++;
        }
        return runs;
      });

      List<String> names = writer.get(60, TimeUnit.SECONDS);
      assertThat(collector.get(60, TimeUnit.SECONDS)).isPositive();
      for (String name : names) {
        Descriptor manifest = store.resolve(name).orElseThrow();
        assertThat(store.readImage(manifest.digest()).layers()).as(name).hasSize(2);
      }
      for (Digest blob : blobs(garbage)) {
        assertThat(store.hasBlob(blob)).as(blob.toString()).isFalse();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  // ---- helpers

  protected void backdateAll(LocalImageStore store, StoredImage image) throws Exception {
    for (Digest blob : blobs(image)) {
      backdate(store, blob, OLD);
    }
  }

  protected static List<Digest> blobs(StoredImage image) {
    List<Digest> blobs = new ArrayList<>();
    blobs.add(image.manifestDescriptor().digest());
    blobs.add(image.manifest().config().digest());
    image.manifest().layers().forEach(layer -> blobs.add(layer.digest()));
    return blobs;
  }

  private static long sizes(StoredImage image) {
    return image.manifestDescriptor().size() + image.manifest().config().size()
        + image.manifest().layers().stream().mapToLong(Descriptor::size).sum();
  }

  private static Descriptor plain(Descriptor manifest) {
    return new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size());
  }

  protected static StoredImage image(LocalImageStore store, String content) throws OperationFailedException {
    Layer layer = layer(store, content);
    return store.putImage(config(layer, content), List.of(layer));
  }

  protected static Layer layer(LocalImageStore store, String content) throws OperationFailedException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(bytes));
    return new Layer(blob, Digests.sha256("uncompressed " + content));
  }

  private static ImageConfig config(Layer layer, String label) {
    return config(List.of(layer), label);
  }

  private static ImageConfig config(List<Layer> layers, String label) {
    return new ImageConfig(Platform.LINUX_AMD64, Optional.of(ImageConfig.REPRODUCIBLE_CREATED),
        ContainerConfig.EMPTY.withLabels(Map.of("image", label)), layers.stream().map(Layer::diffId).toList(),
        List.of());
  }
}
