package io.dapp.domain.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.InMemoryRegistryClient;
import io.dapp.domain.registry.ManifestBlobUnknownException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.RecordingTransfers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An image's blobs go to the registry in parallel, at most --jobs at once; its manifest only after all of them. */
class ParallelPushTest {

  private static final Repository REPO = new Repository(new io.dapp.domain.model.RegistryHost("registry.example.com"),
      "web/app");
  private static final ImageReference TARGET = REPO.withTag("1");

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private final RecordingConsole console = new RecordingConsole();
  private final List<String> manifestPuts = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  /** Uploads of blobs wait here until this many are under way together; null: they don't wait. */
  private CountDownLatch meeting;
  /** The blob whose upload fails, once the meeting is complete. */
  private Digest failing;
  /** How many manifest PUTs the registry refuses with MANIFEST_BLOB_UNKNOWN before it takes one. */
  private int manifestBlobsUnknown;
  private final AtomicInteger blobPushes = new AtomicInteger();

  /** The in-memory registry, counting uploads under way and manifest PUTs, failing the blob named above. */
  private final RegistryClient client = (RegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {RegistryClient.class}, (proxy, method, args) -> {
        if (method.getName().equals("pushManifest")) {
          manifestPuts.add(args[0].toString());
          if (manifestBlobsUnknown-- > 0) {
            throw new ManifestBlobUnknownException(REPO.host(), REPO, ":" + TARGET.tag().orElseThrow(),
                "the registry answered 400: MANIFEST_BLOB_UNKNOWN: blob unknown to registry");
          }
        }
        boolean upload = method.getName().equals("pushBlob");
        if (upload) {
          blobPushes.incrementAndGet();
        }
        if (upload) {
          mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }
        try {
          if (upload && meeting != null) {
            meeting.countDown();
            if (!meeting.await(20, TimeUnit.SECONDS)) {
              throw new AssertionError("fewer uploads than --jobs ran at once");
            }
          }
          if (upload && ((BlobSource) args[1]).digest().equals(failing)) {
            throw new RegistryResponseException(RegistryAction.PUSH_BLOB, REPO.host(), REPO,
                "@" + failing, 500, "the registry answered 500: storage unavailable");
          }
          return method.invoke(registry, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        } finally {
          if (upload) {
            inFlight.decrementAndGet();
          }
        }
      });

  private StoredImage image(int layers, int seed) throws Exception {
    Random random = new Random(seed);
    List<Layer> stored = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      byte[] content = new byte[1000 + random.nextInt(50_000)];
      random.nextBytes(content);
      Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(content));
      stored.add(new Layer(blob, blob.digest()));
    }
    ImageConfig config = new ImageConfig(Platform.LINUX_AMD64, Optional.of(ImageConfig.REPRODUCIBLE_CREATED),
        ContainerConfig.EMPTY, stored.stream().map(Layer::diffId).toList(), List.of());
    return store.putImage(config, stored);
  }

  @Test
  void anImagesLayers_goAtMostJobsAtOnce_andTheirLinesComeInLayerOrder() throws Exception {
    StoredImage image = image(7, 1);
    meeting = new CountDownLatch(3);

    new ImagePusher(client, store, console, new TransferJobs(3)).push(image, TARGET);

    assertThat(mostAtOnce).as("three uploads met, and no fourth ran beside them").hasValue(3);
    assertThat(registry.listTags(REPO)).containsExactly("1");
    assertThat(manifestPuts).containsExactly(TARGET.toString());
    List<String> expected = new ArrayList<>();
    for (Layer layer : image.layers()) {
      expected.add(TARGET + ": layer " + layer.blob().digest().shortForm() + " pushed ("
          + io.dapp.domain.port.PlainTransferProgress.size(layer.blob().size()) + ")");
    }
    assertThat(console.infos).containsExactlyElementsOf(expected);
  }

  @Test
  void aManifestRefusedForABlobBeingCommittedElsewhere_hasItsBlobsCheckedAgain_andIsPutOnceMore() throws Exception {
    StoredImage image = image(3, 4);
    manifestBlobsUnknown = 1;

    PushedTag pushed = new ImagePusher(client, store, console, new TransferJobs(2)).push(image, TARGET);

    assertThat(manifestPuts).containsExactly(TARGET.toString(), TARGET.toString());
    assertThat(blobPushes).as("layers and config, twice").hasValue(2 * 4);
    assertThat(registry.listTags(REPO)).containsExactly("1");
    assertThat(console.infos).as("the second round is not shown: a line per layer").hasSize(3);
    assertThat(pushed.uploaded()).as("what the second round found present, the first sent").isEqualTo(4);
  }

  @Test
  void aManifestRefusedTwiceForUnknownBlobs_failsThePush_withTheRegistrysWords() throws Exception {
    StoredImage image = image(2, 5);
    manifestBlobsUnknown = 2;

    assertThatThrownBy(() -> new ImagePusher(client, store, console, new TransferJobs(2)).push(image, TARGET))
        .isInstanceOf(ManifestBlobUnknownException.class)
        .hasMessageContaining("MANIFEST_BLOB_UNKNOWN");

    assertThat(manifestPuts).hasSize(2);
    assertThat(registry.listTags(REPO)).isEmpty();
  }

  @Test
  void aLayerThatFails_stopsThePush_noManifestIsPut_andThatFailureIsReported() throws Exception {
    StoredImage image = image(6, 2);
    meeting = new CountDownLatch(2);
    failing = image.layers().get(1).blob().digest();

    assertThatThrownBy(() -> new ImagePusher(client, store, console, new TransferJobs(2)).push(image, TARGET))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessage("push blob registry.example.com/web/app@" + failing
            + ": the registry answered 500: storage unavailable");

    assertThat(inFlight).as("every other upload had stopped when the failure came out").hasValue(0);
    assertThat(manifestPuts).isEmpty();
    assertThat(registry.listTags(REPO)).isEmpty();
    assertThat(console.infos).noneMatch(line -> line.contains(failing.shortForm()))
        .noneMatch(line -> line.contains(": pushed sha256:"));
  }

  @Test
  void eachTagsResult_countsTheBlobsUploadedMountedAndPresent_andTheBytesSent() throws Exception {
    StoredImage image = image(5, 3);
    ImagePusher pusher = new ImagePusher(client, store, console, new TransferJobs(4));
    long layerBytes = image.layers().stream().mapToLong(layer -> layer.blob().size()).sum();

    PushedTag first = pusher.push(image, TARGET);
    PushedTag second = pusher.push(image, REPO.withTag("2"));
    PushedTag other = pusher.push(image, new Repository(REPO.host(), "web/other").withTag("1"));
    PushedTag again = pusher.push(image, TARGET);

    assertThat(first).isEqualTo(new PushedTag(TARGET, image.manifestDescriptor().digest(),
        image.manifestDescriptor().digest(), PushedTag.Outcome.PUSHED, 6, 0, 0,
        layerBytes + image.manifest().config().size()));
    assertThat(second.outcome()).isEqualTo(PushedTag.Outcome.PUSHED);
    assertThat(List.of(second.uploaded(), second.mounted(), second.present())).containsExactly(0, 0, 6);
    assertThat(List.of(other.uploaded(), other.mounted(), other.present())).containsExactly(0, 6, 0);
    assertThat(other.bytesUploaded()).isZero();
    assertThat(again.outcome()).isEqualTo(PushedTag.Outcome.UP_TO_DATE);
    assertThat(List.of(again.uploaded(), again.mounted(), again.present())).containsExactly(0, 0, 6);
    assertThat(again.digest()).isEqualTo(first.digest());
  }

  @Test
  void theBytesReported_areEachLayersSize_andEveryLayerEndsWithItsOutcome() throws Exception {
    StoredImage image = image(5, 3);
    RecordingTransfers transfers = new RecordingTransfers();
    ImagePusher pusher = new ImagePusher(client, store, transfers.console(console), new TransferJobs(4));

    pusher.push(image, TARGET);
    pusher.push(image, REPO.withTag("2"));
    pusher.push(image, new Repository(REPO.host(), "web/other").withTag("1"));

    List<RecordingTransfers.Recorded> recorded = transfers.transfers();
    assertThat(recorded).hasSize(15);
    for (int i = 0; i < 5; i++) {
      Descriptor layer = image.layers().get(i).blob();
      RecordingTransfers.Recorded first = recorded.get(i);
      assertThat(first.subject).isEqualTo(TARGET + ": layer " + layer.digest().shortForm());
      assertThat(first.totalBytes).isEqualTo(layer.size());
      assertThat(first.lastProgress()).as("bytes read from the store and sent").isEqualTo(layer.size());
      assertThat(first.progress()).isSorted();
      assertThat(first.outcome()).contains(TransferOutcome.PUSHED);
      assertThat(recorded.get(5 + i).outcome()).contains(TransferOutcome.ALREADY_PRESENT);
      assertThat(recorded.get(5 + i).lastProgress()).as("nothing sent").isZero();
      assertThat(recorded.get(10 + i).outcome()).contains(TransferOutcome.MOUNTED);
    }
  }

  @Test
  void aLayerNamedTwice_isSentOnce() throws Exception {
    StoredImage single = image(1, 4);
    Layer layer = single.layers().get(0);
    ImageConfig config = new ImageConfig(Platform.LINUX_AMD64, Optional.of(ImageConfig.REPRODUCIBLE_CREATED),
        ContainerConfig.EMPTY, List.of(layer.diffId(), layer.diffId()), List.of());
    StoredImage twice = store.putImage(config, List.of(layer, layer));

    new ImagePusher(client, store, console, TransferJobs.DEFAULT).push(twice, TARGET);

    assertThat(registry.uploads()).filteredOn(layer.blob().digest().toString()::equals).hasSize(1);
    assertThat(manifestPuts).hasSize(1);
  }

}
