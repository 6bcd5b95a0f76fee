package io.dapp.adapters.env.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.testing.LocalImageStoreContract;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutStoreTest {

  @TempDir
  Path directory;

  private Path root() {
    return directory.resolve("store");
  }

  @Test
  void open_createsAnImageLayout() throws Exception {
    OciLayoutStore.open(root());

    assertThat(Files.readString(root().resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    JsonNode index = new ObjectMapper().readTree(root().resolve("index.json").toFile());
    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.path("manifests").isArray()).isTrue();
    assertThat(root().resolve("blobs/sha256")).isDirectory();
  }

  @Test
  void tag_writesTheRefNameAnnotation() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    StoredImage image = store.putImage(ImageConfig.scratch(Platform.LINUX_AMD64), List.of());

    store.tag("backend", image.manifestDescriptor());

    JsonNode entry = new ObjectMapper().readTree(root().resolve("index.json").toFile()).path("manifests").get(0);
    assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("backend");
    assertThat(entry.path("digest").asText()).isEqualTo(image.manifestDescriptor().digest().toString());
    assertThat(entry.path("mediaType").asText()).isEqualTo(MediaType.OCI_MANIFEST.value());
  }

  @Test
  void tag_keepsEntriesOtherToolsWrote() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    Files.writeString(root().resolve("index.json"), """
        {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",
        "digest":"sha256:%s","size":10,"platform":{"os":"linux","architecture":"amd64"},
        "annotations":{"org.opencontainers.image.ref.name":"alpine:3.19"}}]}""".formatted("a".repeat(64)));
    StoredImage image = store.putImage(ImageConfig.scratch(Platform.LINUX_AMD64), List.of());

    store.tag("backend", image.manifestDescriptor());

    assertThat(store.names()).containsExactly("alpine:3.19", "backend");
    assertThat(Files.readString(root().resolve("index.json"))).contains("\"platform\"");
  }

  @Test
  void givenACorruptedManifestBlob_readImage_rejectsIt() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    StoredImage image = store.putImage(ImageConfig.scratch(Platform.LINUX_AMD64), List.of());
    Path blob = root().resolve("blobs/sha256/" + image.manifestDescriptor().digest().hex());
    Files.writeString(blob, Files.readString(blob).replace("amd64", "arm64").replace("2", "3"));

    assertThatThrownBy(() -> store.readImage(image.manifestDescriptor().digest()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("is corrupted (its content has digest sha256:");
  }

  @Test
  void givenAManifestWithANegativeSize_readImage_rejectsItInOneLine() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    StoredImage image = store.putImage(ImageConfig.scratch(Platform.LINUX_AMD64), List.of());
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaType.OCI_CONFIG + "\",\"digest\":\"" + image.manifest().config().digest() + "\",\"size\":-1},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    Descriptor written = store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write(manifest));

    assertThatThrownBy(() -> store.readImage(written.digest()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageEndingWith("cannot be used: a descriptor has a negative size");
  }

  /** Found by StoreAndLayerProperties: the store's own check surfaced as an internal error. */
  @Test
  void givenAManifestNamingASha512Config_readImage_saysTheStoreKeepsSha256OnlyInOneLine() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    String sha512 = "sha512:" + "0".repeat(128);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaType.OCI_CONFIG + "\",\"digest\":\"" + sha512 + "\",\"size\":5},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    Descriptor written = store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write(manifest));

    assertThatThrownBy(() -> store.readImage(written.digest()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageEndingWith("cannot be used: it names " + sha512 + ", and the store keeps sha256 blobs only");
  }

  @Test
  void givenAManifestThatIsBrokenJson_readImage_saysSoInOneLine() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    Descriptor written = store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write("{\"a".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> store.readImage(written.digest()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("cannot be used: Unexpected end-of-input")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("[Source"));
  }

  @Test
  void givenATruncatedLayer_readImage_rejectsIt() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(new byte[100]));
    Layer layer = new Layer(blob, Digests.sha256("diff"));
    StoredImage image = store.putImage(ImageConfig.scratch(Platform.LINUX_AMD64)
        .next(io.dapp.domain.image.ContainerConfig.EMPTY, java.util.Optional.of(layer.diffId()), "x", "y"),
        List.of(layer));
    Files.write(root().resolve("blobs/sha256/" + blob.digest().hex()), new byte[10]);

    assertThatThrownBy(() -> store.readImage(image.manifestDescriptor().digest()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("is corrupted (10 bytes, the manifest says 100)");
  }

  @Test
  void aWriterThatFails_leavesNoBlobAndNoTemporaryFile() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());

    assertThatThrownBy(() -> store.putBlob(MediaType.OCI_LAYER.value(), out -> {
      out.write(new byte[1000]);
      throw new IOException("disk full");
    })).isInstanceOf(OperationFailedException.class).hasMessageContaining("disk full");

    assertThat(filesUnder(root().resolve("blobs"))).isEmpty();
    assertThat(filesUnder(root().resolve(".dapp-tmp"))).isEmpty();
  }

  @Test
  void concurrentThreads_tagging_loseNoName() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String prefix = "thread" + t;
      done.add(threads.submit(() -> {
        TagManyTimes.main(new String[] {root().toString(), prefix, "15"});
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(OciLayoutStore.open(root()).names()).hasSize(8 * 15);
    assertThat(store.resolve("thread7-14")).isPresent();
  }

  @Test
  void concurrentThreads_taggingThroughOneStore_loseNoName() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String prefix = "shared" + t;
      done.add(threads.submit(() -> {
        for (int i = 0; i < 10; i++) {
          byte[] content = (prefix + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          store.tag(prefix + "-" + i, store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write(content)));
        }
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(store.names()).hasSize(4 * 10);
  }

  @Test
  void concurrentProcesses_tagging_loseNoName() throws Exception {
    OciLayoutStore.open(root());
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), TagManyTimes.class.getName(), root().toString(),
          "process" + p, "25").redirectErrorStream(true).redirectOutput(directory.resolve("out" + p).toFile()).start());
    }
    for (Process process : processes) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(Files.readString(directory.resolve("out" + processes.indexOf(process))))
          .isZero();
    }

    List<String> names = OciLayoutStore.open(root()).names();
    assertThat(names).hasSize(3 * 25);
    assertThat(names).containsAll(IntStream.range(0, 25).mapToObj(i -> "process2-" + i).toList());
  }

  @Test
  void skopeoInspect_readsTheImageByName() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(root());
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(emptyTarGz()));
    Layer layer = new Layer(blob, Digests.sha256(new byte[1024]));
    StoredImage image = store.putImage(LocalImageStoreContractConfig.of(layer), List.of(layer));
    store.tag("backend", image.manifestDescriptor());

    String inspected = run("skopeo", "inspect", "oci:" + root() + ":backend");
    String config = run("skopeo", "inspect", "--config", "oci:" + root() + ":backend");

    JsonNode json = new ObjectMapper().readTree(inspected);
    assertThat(json.path("Digest").asText()).isEqualTo(image.manifestDescriptor().digest().toString());
    assertThat(json.path("Labels").path("team").asText()).isEqualTo("web");
    assertThat(json.path("Layers").get(0).asText()).isEqualTo(blob.digest().toString());
    assertThat(new ObjectMapper().readTree(config).path("config").path("WorkingDir").asText()).isEqualTo("/app");
  }

  /** An empty tar (two zero blocks), gzip'ed: a layer skopeo accepts. */
  private static byte[] emptyTarGz() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
      gzip.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }

  private static List<Path> filesUnder(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** The contract's sample config, reachable from here. */
  private static final class LocalImageStoreContractConfig extends LocalImageStoreContract {
    static ImageConfig of(Layer layer) {
      return config(layer);
    }

    @Override
    protected io.dapp.domain.port.LocalImageStore store() {
      throw new UnsupportedOperationException();
    }
  }
}
