package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.testing.EmptyDockerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests a fresh push and a pull into an empty store send, counted in the real Distribution's access
 * log, are the fewest the API allows: a push asks for the tag once, sends per blob a HEAD, a POST and one PUT
 * carrying the bytes (no PATCH), then the manifest; a re-push of an image the tag already names asks for the
 * tag and nothing else; a stages pull GETs the manifest of the newest stage only (no HEAD first), its config
 * and its layers, and makes the stages below it from its history; with --all, one GET per stage manifest and
 * one per blob. Each run pings once.
 */
class TransferRequestCountTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous().withAccessLog();

  private static final int PARTS = 3;

  @TempDir
  static Path shared;
  private static Path project;
  private static Path store;

  @TempDir
  Path root;

  @BeforeAll
  static void buildAnImageOfThreeGitEntriesAndADockerStage() throws Exception {
    project = Files.createDirectories(shared.resolve("project"));
    StringBuilder dappfile = new StringBuilder("from: scratch\ngit:\n");
    Random random = new Random(3);
    for (int i = 0; i < PARTS; i++) {
      byte[] content = new byte[100_000 + random.nextInt(100_000)];
      random.nextBytes(content);
      Files.write(Files.createDirectories(project.resolve("part" + i)).resolve("data.bin"), content);
      dappfile.append("- add: /part").append(i).append("\n  to: /srv/part").append(i).append('\n');
    }
    // A docker stage adds no layer: the chain is from scratch, the git archive and this stage.
    dappfile.append("docker:\n  LABEL: {team: shop}\n");
    Files.writeString(project.resolve("dappfile.yaml"), dappfile);
    store = shared.resolve("store");
    InProcessDapp.Result build = run(shared, "dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(build.exitCode()).as(build.all()).isZero();
  }

  private static InProcessDapp.Result run(Path root, String... args) throws Exception {
    return TestDapp.in(root).run(args);
  }

  @Test
  void aFreshPush_sendsPerBlobAHeadAPostAndOnePut_thenTheManifest() throws Exception {
    Repository repository = REGISTRY.newRepository();
    LocalImageStore images = OciLayoutStore.open(store);
    StoredImage image = images.readImage(images.resolve("nameless-dimg").orElseThrow().digest());
    int before = REGISTRY.log().length();

    InProcessDapp.Result push = run(root, "dimg", "push", "--dir", project.toString(), "--store", store.toString(),
        repository.toString());

    assertThat(push.exitCode()).as(push.all()).isZero();
    String prefix = "/v2/" + repository.path();
    // The config pushed is the image's, relabelled for the tag: the one blob not among the layers.
    List<String> layers = image.manifest().layers().stream().map(layer -> layer.digest().toString()).toList();
    List<String> sent = requests(REGISTRY.log().substring(before)).stream()
        .map(line -> line.startsWith("HEAD " + prefix + "/blobs/") && layers.stream().noneMatch(line::contains)
            ? "HEAD " + prefix + "/blobs/(config) 404" : line)
        .toList();
    List<String> expected = new ArrayList<>(List.of("GET /v2/ 200", "HEAD " + prefix + "/manifests/latest 404"));
    for (String blob : concat(layers, "(config)")) {
      expected.addAll(List.of("HEAD " + prefix + "/blobs/" + blob + " 404",
          "POST " + prefix + "/blobs/uploads/ 202", "PUT " + prefix + "/blobs/uploads/* 201"));
    }
    expected.add("PUT " + prefix + "/manifests/latest 201");
    assertThat(sent).as("%d layers and a config", layers.size()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sent.get(sent.size() - 1)).as("the manifest last").isEqualTo(expected.get(expected.size() - 1));
  }

  @Test
  void aRePushOfTheImageTheTagNames_asksForTheTagOnly_andNoBlob() throws Exception {
    Repository repository = REGISTRY.newRepository();
    String[] push = {"dimg", "push", "--dir", project.toString(), "--store", store.toString(), repository.toString()};
    InProcessDapp.Result first = run(root, push);
    assertThat(first.exitCode()).as(first.all()).isZero();
    int before = REGISTRY.log().length();

    InProcessDapp.Result again = run(root, push);

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.all()).contains("up to date");
    String prefix = "/v2/" + repository.path();
    assertThat(requests(REGISTRY.log().substring(before)))
        .containsExactly("GET /v2/ 200", "HEAD " + prefix + "/manifests/latest 200");
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> all = new ArrayList<>(list);
    all.add(last);
    return all;
  }

  @Test
  void aStagesPullIntoAnEmptyStore_getsTheNewestStageOnly_andMakesTheStagesBelowItAsTheBuildMadeThem()
      throws Exception {
    Repository repository = REGISTRY.newRepository();
    pushStages(repository);
    Path empty = root.resolve("second-runner");
    int before = REGISTRY.log().length();

    InProcessDapp.Result pull = run(root, "dimg", "stages", "pull", "--dir", project.toString(), "--store",
        empty.toString(), repository.toString());

    assertThat(pull.exitCode()).as(pull.all()).isZero();
    List<String> sent = requests(REGISTRY.log().substring(before));
    LocalImageStore built = OciLayoutStore.open(store);
    StoredImage image = built.readImage(built.resolve("nameless-dimg").orElseThrow().digest());
    String newest = "dimgstage-" + image.config().config().labels().get("dapp");
    LocalImageStore pulled = OciLayoutStore.open(empty);
    String prefix = "/v2/" + repository.path();
    List<String> expected = new ArrayList<>(List.of("GET /v2/ 200", "GET " + prefix + "/manifests/" + newest + " 200"));
    blobs(List.of(pulled.readImage(pulled.resolve(newest).orElseThrow().digest())))
        .forEach(blob -> expected.add("GET " + prefix + "/blobs/" + blob + " 200"));
    assertThat(sent).as(pull.all()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(pull.out()).contains("(nameless dimg): docker: pulled stage ",
        " (the 1 stage below it made from its history)");
    List<String> tags = tags(repository);
    assertThat(tags).as("from scratch, the git archive and the docker stage").hasSize(3);
    try (RegistryClient client = new JerseyRegistryClientFactory()
        .open(EmptyDockerConfig.at("/none"), RegistryOptions.defaults())) {
      for (String tag : tags) {
        assertThat(pulled.resolve(tag)).as(tag).map(Descriptor::digest)
            .contains(client.checkManifest(repository.withTag(tag)).orElseThrow().digest());
      }
    }
    InProcessDapp.Result build = run(root, "dimg", "build", "--dir", project.toString(), "--store", empty.toString());
    assertThat(build.exitCode()).as(build.all()).isZero();
    assertThat(build.out()).contains("(0 of 3 stages built)");
  }

  @Test
  void aStagesPullOfAll_getsEachStageManifestOnce_withNoHead_andEachBlobOnce() throws Exception {
    Repository repository = REGISTRY.newRepository();
    pushStages(repository);
    Path empty = root.resolve("second-runner");
    int before = REGISTRY.log().length();

    InProcessDapp.Result pull = run(root, "dimg", "stages", "pull", "--all", "--dir", project.toString(), "--store",
        empty.toString(), repository.toString());

    assertThat(pull.exitCode()).as(pull.all()).isZero();
    List<String> sent = requests(REGISTRY.log().substring(before));
    // Each stage the registry has, except the first (from scratch, no layer), which the walk makes itself.
    LocalImageStore pulled = OciLayoutStore.open(empty);
    List<String> fetched = new ArrayList<>();
    List<StoredImage> stages = new ArrayList<>();
    for (String tag : tags(repository)) {
      StoredImage stage = pulled.readImage(pulled.resolve(tag).orElseThrow().digest());
      if (!stage.manifest().layers().isEmpty()) {
        fetched.add(tag);
        stages.add(stage);
      }
    }
    assertThat(fetched).as("the git archive and the docker stage").hasSize(2);
    String prefix = "/v2/" + repository.path();
    List<String> expected = new ArrayList<>(List.of("GET /v2/ 200"));
    fetched.forEach(tag -> expected.add("GET " + prefix + "/manifests/" + tag + " 200"));
    blobs(stages).forEach(blob -> expected.add("GET " + prefix + "/blobs/" + blob + " 200"));
    assertThat(sent).containsExactlyInAnyOrderElementsOf(expected);
  }

  private void pushStages(Repository repository) throws Exception {
    InProcessDapp.Result stagesPush = run(root, "dimg", "stages", "push", "--dir", project.toString(), "--store",
        store.toString(), repository.toString());
    assertThat(stagesPush.exitCode()).as(stagesPush.all()).isZero();
  }

  private static List<String> tags(Repository repository) throws Exception {
    try (RegistryClient client = new JerseyRegistryClientFactory()
        .open(EmptyDockerConfig.at("/none"), RegistryOptions.defaults())) {
      return client.listTags(repository);
    }
  }

  /** The configs and layers of {@code images}, each once. */
  private static Set<Digest> blobs(List<StoredImage> images) {
    Set<Digest> blobs = new LinkedHashSet<>();
    for (StoredImage image : images) {
      blobs.add(image.manifest().config().digest());
      image.manifest().layers().forEach(layer -> blobs.add(layer.digest()));
    }
    return blobs;
  }

  /** "METHOD PATH STATUS" of each request in an access log excerpt, in order; an upload session is "*". */
  private static List<String> requests(String log) {
    return Arrays.stream(log.split("\n"))
        .map(line -> line.split("\""))
        .filter(parts -> parts.length > 2 && parts[1].endsWith(" HTTP/1.1"))
        .map(parts -> parts[1].substring(0, parts[1].length() - " HTTP/1.1".length())
            .replaceAll("/blobs/uploads/[^/ ?]+(\\?\\S*)?$", "/blobs/uploads/*") + " " + parts[2].trim().split(" ")[0])
        .toList();
  }
}
