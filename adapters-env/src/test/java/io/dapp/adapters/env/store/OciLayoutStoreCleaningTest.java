package io.dapp.adapters.env.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage collection of the OCI layout where the contract cannot reach: files, other tools, processes. */
class OciLayoutStoreCleaningTest {

  private static final Duration OLD = Duration.ofHours(2);

  @TempDir
  Path directory;

  private Path root() {
    return directory.resolve("store");
  }

  private Path blob(Digest digest) {
    return root().resolve("blobs").resolve("sha256").resolve(digest.hex());
  }

  private static GarbageCollection collection() {
    return GarbageCollection.removing(Instant.now().minus(Duration.ofHours(1)));
  }

  private static void backdate(Path file) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(OLD)));
  }

  private void backdateEveryBlob() throws Exception {
    try (Stream<Path> blobs = Files.list(root().resolve("blobs").resolve("sha256"))) {
      for (Path file : blobs.toList()) {
        backdate(file);
      }
    }
  }

  private static StoredImage image(OciLayoutStore store, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(bytes));
    Layer layer = new Layer(blob, Digests.sha256("uncompressed " + content));
    return store.putImage(new ImageConfig(Platform.LINUX_AMD64, Optional.empty(),
        ContainerConfig.EMPTY.withLabels(Map.of("image", content)), List.of(layer.diffId()), List.of()), List.of(layer));
  }

  @Test
  void leftoverTemporaryFiles_goWhenOld_andStayWhileTheirWriterMayStillWrite() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    Path abandoned = Files.write(root().resolve(".dapp-tmp").resolve("write-1.tmp"), new byte[1500]);
    backdate(abandoned);
    Path inFlight = Files.write(root().resolve(".dapp-tmp").resolve("write-2.tmp"), new byte[700]);

    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.temporaryFiles()).isEqualTo(1);
    assertThat(garbage.temporaryBytes()).isEqualTo(1500);
    assertThat(abandoned).doesNotExist();
    assertThat(inFlight).exists();
  }

  @Test
  void anEntryOfIndexJsonWithoutName_asOtherToolsWriteIt_keepsItsBlobs() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    StoredImage image = image(store, "unnamed");
    Descriptor manifest = image.manifestDescriptor();
    Files.writeString(root().resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":" + manifest.size() + "}]}");
    backdateEveryBlob();

    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isZero();
    assertThat(store.readImage(manifest.digest())).isEqualTo(image);
  }

  @Test
  void aNamedImageIndex_keepsTheManifestsItListsAndTheirBlobs() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    StoredImage amd64 = image(store, "amd64");
    StoredImage arm64 = image(store, "arm64");
    StoredImage orphan = image(store, "orphan");
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX.value() + "\",\"manifests\":["
        + entry(amd64.manifestDescriptor()) + "," + entry(arm64.manifestDescriptor()) + "]}";
    Descriptor indexBlob = store.putBlob(MediaType.OCI_INDEX.value(), out -> out.write(index.getBytes(StandardCharsets.UTF_8)));
    store.tag("docker.io/library/alpine:3.19", indexBlob);
    backdateEveryBlob();

    CollectedGarbage garbage = store.collectGarbage(collection());

    assertThat(garbage.blobs()).isEqualTo(3);
    assertThat(store.readImage(amd64.manifestDescriptor().digest())).isEqualTo(amd64);
    assertThat(store.readImage(arm64.manifestDescriptor().digest())).isEqualTo(arm64);
    assertThat(store.hasBlob(indexBlob.digest())).isTrue();
    assertThat(blob(orphan.manifestDescriptor().digest())).doesNotExist();
  }

  private static String entry(Descriptor manifest) {
    return "{\"mediaType\":\"" + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":"
        + manifest.size() + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}";
  }

  @Test
  void aReferencedManifestThatCannotBeRead_stopsTheCollection_withNothingRemoved() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    Descriptor broken = store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write("{not json".getBytes(StandardCharsets.UTF_8)));
    store.tag("broken", broken);
    StoredImage orphan = image(store, "orphan");
    backdateEveryBlob();

    assertThatThrownBy(() -> store.collectGarbage(collection()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("manifest " + broken.digest() + " of reference 'broken' cannot be read")
        .hasMessageContaining("no blob was removed")
        .hasMessageNotContaining("\n");
    assertThat(store.readImage(orphan.manifestDescriptor().digest())).isEqualTo(orphan);
  }

  @Test
  void aBlobAWriterFindsWhileItIsBeingCollected_isPutBack() throws Exception {
    OciLayoutStore.open(root());
    OciLayoutStore store = OciLayoutStore.open(root());
    StoredImage image = image(store, "found just in time");
    backdateEveryBlob();
    List<Path> touched = new ArrayList<>();
    BlobCollector collector = new BlobCollector(root().resolve("blobs").resolve("sha256"), root().resolve(".dapp-tmp"),
        root().resolve("index.json"), new StoreLock(root().resolve(".dapp-lock")), new ObjectMapper(), blob -> {
          if (blob.getFileName().toString().equals(image.manifest().layers().get(0).digest().hex())) {
            // the writer's hasBlob, after the collector read the layer's time and before it moved it
            assertThat(store.hasBlob(image.manifest().layers().get(0).digest())).isTrue();
            touched.add(blob);
          }
        });

    CollectedGarbage garbage = collector.collect(collection());

    assertThat(touched).hasSize(1);
    assertThat(garbage.blobs()).isEqualTo(2);
    assertThat(garbage.recentBlobsKept()).isEqualTo(1);
    assertThat(store.hasBlob(image.manifest().layers().get(0).digest())).isTrue();
    try (Stream<Path> temporaries = Files.list(root().resolve(".dapp-tmp"))) {
      assertThat(temporaries).isEmpty();
    }
  }

  /** Two other JVMs build images on old layers they find while this one collects, again and again. */
  @Test
  void buildsInOtherProcesses_areNotRobbed_byCollectionsRunningMeanwhile() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    int processes = 2;
    int images = 15;
    StoredImage garbage = image(store, "garbage");
    backdateEveryBlob();
    List<Process> builds = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      builds.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), BuildOnLeftLayers.class.getName(), root().toString(),
          "process" + p, String.valueOf(images)).redirectErrorStream(true)
          .redirectOutput(directory.resolve("out" + p).toFile()).start());
    }
    int collections = 0;
    while (builds.stream().anyMatch(Process::isAlive) || collections == 0) {
      store.collectGarbage(collection());
      collections++;
      Thread.sleep(5); // the builds get the lock too
    }
    for (Process build : builds) {
      assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(build.exitValue()).as(Files.readString(directory.resolve("out" + builds.indexOf(build)))).isZero();
    }

    assertThat(store.names()).hasSize(processes * images);
    for (String name : store.names()) {
      assertThat(store.readImage(store.resolve(name).orElseThrow().digest()).layers()).as(name).hasSize(2);
    }
    assertThat(blob(garbage.manifestDescriptor().digest())).doesNotExist();
    assertThat(collections).isPositive();
  }
}
