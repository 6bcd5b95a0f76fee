package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.build.BlobTransfer;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.push.ImagePusher;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.RecordingTransfers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel transfers through the assembled CLI against a real Distribution registry: a six-layer image (a
 * five-layer base from another registry, so that nothing can be mounted, and the git archive) pushed with
 * --jobs 4 is one skopeo reads, its lines come in the order of its layers, and its stages and layers come
 * back into empty stores with --jobs (stage cache pull, base image pull).
 */
class ParallelTransferEndToEndTest {

  private static final int LAYERS = 6;
  private static final Pattern LAYER_LINE =
      Pattern.compile("(?m)^(\\S+): layer (sha256:[0-9a-f]{12}) (pushed|already present|mounted|pulled) \\(.+\\)$");

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  /** Where the base image is: another registry, whose blobs the push cannot mount. */
  @RegisterExtension
  static final DistributionRegistry BASES = DistributionRegistry.anonymous();

  @TempDir
  Path root;

  private TestDapp dapp;
  private TestProject project;

  @BeforeEach
  void project() throws Exception {
    dapp = TestDapp.in(root);
    project = TestProject.at(root.resolve("project"));
    Random random = new Random(6);
    List<byte[]> baseLayers = new ArrayList<>();
    for (int i = 0; i < LAYERS - 1; i++) {
      byte[] content = new byte[64 * 1024 + random.nextInt(256 * 1024)];
      random.nextBytes(content); // incompressible: every layer is about as large as its bytes
      baseLayers.add(content);
    }
    Repository base = BASES.newRepository();
    OneLayerImage.pushLayers(StaticDockerConfig.anonymous(), base.withTag("1"), "{}", baseLayers);
    byte[] data = new byte[64 * 1024 + random.nextInt(256 * 1024)];
    random.nextBytes(data);
    project.file("part/data.bin", data);
    project.dappfile("dimg: ~\nfrom: " + base.withTag("1") + "\ngit:\n- add: /part\n  to: /srv/part\n");
  }

  /** The digests (12 hex digits) of the layer lines in {@code out}, in order, with their outcome. */
  private static List<String> layerLines(String out) {
    List<String> lines = new ArrayList<>();
    Matcher matcher = LAYER_LINE.matcher(out);
    while (matcher.find()) {
      lines.add(matcher.group(2) + " " + matcher.group(3));
    }
    return lines;
  }

  @Test
  void aSixLayerImage_pushedWithFourJobs_isValid_andComesBackIntoEmptyStores() throws Exception {
    Repository repository = REGISTRY.newRepository();
    Path store = root.resolve("store");

    InProcessDapp.Result bp = dapp.run("dimg", "bp", "--dir", project.toString(), "--store", store.toString(),
        "--jobs", "4", repository.toString());

    assertThat(bp.exitCode()).as(bp.err()).isZero();
    JsonNode image = Skopeo.json("inspect", "--tls-verify=false", "docker://" + repository + ":latest");
    List<String> expected = new ArrayList<>();
    for (JsonNode layer : image.path("Layers")) {
      expected.add(layer.asText().substring(0, "sha256:".length() + 12) + " pushed");
    }
    assertThat(expected).hasSize(LAYERS);
    // The base image's layers come first, pulled (four at once too); then every layer is pushed.
    assertThat(layerLines(bp.out())).as("one line per layer, in the manifest's order, whichever finished first")
        .filteredOn(line -> line.endsWith(" pushed")).isEqualTo(expected);
    assertThat(layerLines(bp.out())).filteredOn(line -> line.endsWith(" pulled"))
        .isEqualTo(expected.subList(0, LAYERS - 1).stream().map(line -> line.replace(" pushed", " pulled")).toList());
    assertThat(bp.out()).contains(repository + ":latest: pushed sha256:");
    Skopeo.json("inspect", "--tls-verify=false", "--raw", "docker://" + repository + ":latest");

    InProcessDapp.Result stagesPush = dapp.run("dimg", "stages", "push", "--dir", project.toString(), "--store",
        store.toString(), "--jobs", "4", repository.toString());
    assertThat(stagesPush.exitCode()).as(stagesPush.err()).isZero();
    assertThat(layerLines(stagesPush.out())).isNotEmpty().allMatch(line -> line.endsWith(" already present"));

    Path secondRunner = root.resolve("second-runner");
    InProcessDapp.Result pull = dapp.run("dimg", "stages", "pull", "--dir", project.toString(), "--store",
        secondRunner.toString(), "--jobs", "4", repository.toString());
    assertThat(pull.exitCode()).as(pull.err()).isZero();
    // The base image comes from its own registry as the walk needs it (quietly); the stages bring the rest.
    assertThat(layerLines(pull.out())).as("the stage layers, pulled once, into an empty store")
        .containsExactly(expected.get(LAYERS - 1).replace(" pushed", " pulled"));
    assertThat(pull.out()).contains(": pulled stage ");
    assertNoPartialFile(secondRunner);
    InProcessDapp.Result rebuild = dapp.run("dimg", "build", "--dir", project.toString(), "--store",
        secondRunner.toString());
    assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    assertThat(rebuild.out()).contains("(0 of 2 stages built)");

    TestProject derived = TestProject.at(root.resolve("derived"))
        .dappfile("dimg: app\nfrom: " + repository + ":latest\n");
    Path thirdRunner = root.resolve("third-runner");
    InProcessDapp.Result build = dapp.run("dimg", "build", "--dir", derived.toString(), "--store",
        thirdRunner.toString(), "--jobs", "3");
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(layerLines(build.out())).as("the base image's layers, in its order")
        .isEqualTo(expected.stream().map(line -> line.replace(" pushed", " pulled")).toList());
    assertNoPartialFile(thirdRunner);
  }

  @Test
  void theBytesEachTransferReports_areItsBlobsSize_bothWays() throws Exception {
    Repository repository = REGISTRY.newRepository();
    LocalImageStore store = OciLayoutStore.open(root.resolve("pushing"));
    Random random = new Random(7);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] content = new byte[200_000 + random.nextInt(2_000_000)];
      random.nextBytes(content);
      Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(content));
      layers.add(new Layer(blob, blob.digest()));
    }
    StoredImage image = store.putImage(new ImageConfig(io.dapp.domain.model.Platform.LINUX_AMD64,
        Optional.of(ImageConfig.REPRODUCIBLE_CREATED), ContainerConfig.EMPTY,
        layers.stream().map(Layer::diffId).toList(), List.of()), layers);
    RegistryOptions options = RegistryOptions.defaults().withTransferJobs(new TransferJobs(3));
    RecordingTransfers pushed = new RecordingTransfers();
    RecordingTransfers pulled = new RecordingTransfers();

    try (RegistryClient client = new JerseyRegistryClientFactory().open(new EmptyDockerConfig(root), options)) {
      new ImagePusher(client, store, pushed.console(new RecordingConsole()), options.transferJobs())
          .push(image, repository.withTag("1"));
      new BlobTransfer(client, OciLayoutStore.open(root.resolve("pulling")), new JacksonManifestReader(), pulled,
          options.transferJobs()).pullImage(repository.withTag("1"), io.dapp.domain.model.Platform.LINUX_AMD64);
    }

    for (RecordingTransfers recorded : List.of(pushed, pulled)) {
      assertThat(recorded.transfers()).hasSize(layers.size());
      for (int i = 0; i < layers.size(); i++) {
        RecordingTransfers.Recorded transfer = recorded.transfers().get(i);
        assertThat(transfer.totalBytes).isEqualTo(layers.get(i).blob().size());
        assertThat(transfer.lastProgress()).as(transfer.subject).isEqualTo(layers.get(i).blob().size());
      }
    }
    assertThat(pushed.transfers()).allSatisfy(t -> assertThat(t.outcome()).contains(TransferOutcome.PUSHED));
    assertThat(pulled.transfers()).allSatisfy(t -> assertThat(t.outcome()).contains(TransferOutcome.PULLED));
  }

  private static void assertNoPartialFile(Path store) throws Exception {
    try (Stream<Path> files = Files.walk(store.resolve(".dapp-tmp"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }
}
