package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.domain.build.BlobTransfer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.BlobUnknownException;
import io.dapp.domain.registry.InMemoryRegistryClient;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.testing.RecordingTransfers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's missing blobs come from the registry in parallel, at most --jobs at once, each streamed
 * straight into the real OCI store; a failure leaves neither a partial blob nor the image's manifest there.
 */
class ParallelPullTest {

  @TempDir
  Path root;

  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private final Repository repository = repository("registry.example.com/base/os");
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  /** Downloads wait here until this many run together; null: they don't wait. */
  private CountDownLatch meeting;
  /** This blob's download breaks off half-way, once the meeting is complete. */
  private Digest breaking;

  private static Repository repository(String text) {
    try {
      return Repository.parse(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The in-memory registry, counting downloads under way and breaking the one named above. */
  private final RegistryClient client = (RegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {RegistryClient.class}, (proxy, method, args) -> {
        boolean download = method.getName().equals("pullBlob") && args.length == 4;
        if (!download) {
          return invoke(method, args);
        }
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          if (meeting != null) {
            meeting.countDown();
            if (!meeting.await(20, TimeUnit.SECONDS)) {
              throw new AssertionError("fewer downloads than --jobs ran at once");
            }
          }
          if (args[1].equals(breaking)) {
            LongConsumer progress = (LongConsumer) args[3];
            ((java.io.OutputStream) args[2]).write(new byte[100]);
            progress.accept(100);
            throw new BlobUnknownException(RegistryAction.PULL_BLOB, repository.host(), repository, breaking);
          }
          return invoke(method, args);
        } finally {
          inFlight.decrementAndGet();
        }
      });

  private Object invoke(java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(registry, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A linux/amd64 image of {@code count} random layers in the registry; returns its manifest. */
  private Manifest pushImage(String tag, int count) throws Exception {
    Random random = new Random(count);
    StringBuilder layers = new StringBuilder();
    StringBuilder diffIds = new StringBuilder();
    for (int i = 0; i < count; i++) {
      byte[] content = new byte[20_000 + random.nextInt(200_000)];
      random.nextBytes(content);
      BlobSource layer = BlobSource.ofBytes(content);
      registry.pushBlob(repository, layer, Optional.empty());
      layers.append(i > 0 ? "," : "").append("{\"mediaType\":\"").append(MediaType.OCI_LAYER)
          .append("\",\"digest\":\"").append(layer.digest()).append("\",\"size\":").append(layer.size()).append('}');
      diffIds.append(i > 0 ? "," : "").append('"').append(Digests.sha256(content)).append('"');
    }
    BlobSource config = BlobSource.ofBytes(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":"
        + "\"layers\",\"diff_ids\":[" + diffIds + "]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    registry.pushBlob(repository, config, Optional.empty());
    Manifest manifest = Manifest.of(MediaType.OCI_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\""
        + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\""
        + config.digest() + "\",\"size\":" + config.size() + "},\"layers\":[" + layers + "]}");
    registry.pushManifest(repository.withTag(tag), manifest);
    return manifest;
  }

  private List<Path> filesIn(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anImagesLayers_comeAtMostJobsAtOnce_intoTheStore_reportingTheirSizes() throws Exception {
    Manifest manifest = pushImage("1", 7);
    LocalImageStore store = OciLayoutStore.open(root.resolve("store"));
    RecordingTransfers transfers = new RecordingTransfers();
    meeting = new CountDownLatch(3);

    StoredImage image = new BlobTransfer(client, store, new JacksonManifestReader(), transfers, new TransferJobs(3))
        .pullImage(repository.withTag("1"), Platform.LINUX_AMD64);

    assertThat(image.manifestDescriptor().digest()).isEqualTo(manifest.digest());
    assertThat(mostAtOnce).as("three downloads met, and no fourth ran beside them").hasValue(3);
    assertThat(store.readImage(manifest.digest()).layers()).hasSize(7);
    List<RecordingTransfers.Recorded> recorded = transfers.transfers();
    assertThat(recorded).hasSize(7);
    for (int i = 0; i < 7; i++) {
      var layer = image.manifest().layers().get(i);
      assertThat(recorded.get(i).subject).as("in the image's order")
          .isEqualTo(repository.withTag("1") + ": layer " + layer.digest().shortForm());
      assertThat(recorded.get(i).lastProgress()).isEqualTo(layer.size());
      assertThat(recorded.get(i).outcome()).contains(TransferOutcome.PULLED);
    }
    assertThat(filesIn(root.resolve("store/.dapp-tmp"))).isEmpty();
  }

  @Test
  void aDownloadThatFails_stopsThePull_leavingNoPartialBlobAndNoManifestInTheStore() throws Exception {
    Manifest manifest = pushImage("2", 6);
    Path storeDirectory = root.resolve("store");
    LocalImageStore store = OciLayoutStore.open(storeDirectory);
    ImageReference image = repository.withTag("2");
    List<String> layerDigests = new ArrayList<>();
    new JacksonManifestReader().imageManifest(manifest).layers().forEach(l -> layerDigests.add(l.digest().toString()));
    breaking = Digest.parse(layerDigests.get(2));
    meeting = new CountDownLatch(2);
    RecordingTransfers transfers = new RecordingTransfers();

    assertThatThrownBy(() -> new BlobTransfer(client, store, new JacksonManifestReader(), transfers,
        new TransferJobs(2)).pullImage(image, Platform.LINUX_AMD64))
        .isInstanceOf(BlobUnknownException.class)
        .hasMessageContaining(breaking.toString());

    assertThat(inFlight).as("no download still runs when the failure comes out").hasValue(0);
    assertThat(store.hasBlob(breaking)).isFalse();
    assertThat(store.hasBlob(manifest.digest())).isFalse();
    assertThat(filesIn(storeDirectory.resolve(".dapp-tmp"))).as("no partial file").isEmpty();
    assertThat(filesIn(storeDirectory.resolve("blobs"))).allSatisfy(blob ->
        assertThat(Digests.sha256(Files.readAllBytes(blob)).hex()).isEqualTo(blob.getFileName().toString()));
    assertThat(transfers.transfers()).allSatisfy(t -> assertThat(t.outcome().isPresent() || t.hasFailed()).isTrue())
        .filteredOn(t -> t.subject.endsWith(breaking.shortForm())).singleElement()
        .satisfies(t -> assertThat(t.hasFailed()).isTrue());
  }
}
