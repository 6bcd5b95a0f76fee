package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dapp dimg stages cleanup local} end to end: two builds of a changed project into a real store (the
 * second patches the first's git archive), then the cleanup removes exactly the first build's stages that the
 * second does not use and the blobs only they used; the current build stays whole (skopeo reads and copies
 * it) and cached.
 */
class LocalStoreCleanupEndToEndTest {

  private static final String DAPPFILE = """
      dimg: backend
      from: scratch
      git:
      - add: /src
        to: /app
      - add: /config
        to: /etc/app
      docker:
        WORKDIR: /app
        CMD: [/app/run]
      """;

  @TempDir
  Path directory;

  private TestDapp dapp;

  @BeforeEach
  void dapp() throws Exception {
    dapp = TestDapp.in(directory);
  }

  @Test
  void stagesCleanupLocal_removesExactlyTheOldChain_andTheCurrentBuildStaysWholeAndCached() throws Exception {
    TestProject project = TestProject.at(directory.resolve("shop")).dappfile(DAPPFILE);
    Path store = directory.resolve("store");
    String[] build = {"dimg", "build", "--dir", project.toString(), "--store", store.toString()};
    project.file("config/app.yml", "port: 8080").commit("change config/app.yml", "t");
    project.file("src/run", "v1").commit("change src/run", "t");
    assertThat(dapp.run(build).exitCode()).isZero();
    Set<String> firstStages = stageRefs(store);
    Set<String> firstBlobs = blobs(store);

    project.file("src/run", "v2").commit("change src/run", "t");
    InProcessDapp.Result second = dapp.run(build);
    // The archive stays; a latest patch of src/run and a docker stage on it are new.
    assertThat(second.out()).contains("git archive /src -> /app, /config -> /etc/app: using cached stage",
        "git latest patch: built stage", "(2 of 4 stages built)");
    Set<String> oldStages = new TreeSet<>(firstStages);
    oldStages.removeAll(currentStageRefs(store));
    assertThat(oldStages).as("the first build's docker stage").hasSize(1);
    ageEveryBlob(store);
    byte[] index = Files.readAllBytes(store.resolve("index.json"));
    Set<String> blobsBefore = blobs(store);

    dapp.env("CI_JOB_TOKEN", "job-token").env("CI_REGISTRY", "registry.example.com");
    InProcessDapp.Result dryRun = dapp.run("dimg", "stages", "cleanup", "local", "--dir", project.toString(), "--store",
        store.toString(), "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(Files.readAllBytes(store.resolve("index.json"))).isEqualTo(index);
    assertThat(blobs(store)).isEqualTo(blobsBefore);
    assertThat(dryRun.out()).contains("dry run: would remove 1 reference, ").endsWith("; nothing was changed\n");

    InProcessDapp.Result cleanup = dapp.run("dimg", "stages", "cleanup", "local", "--dir", project.toString(),
        "--store", store.toString(), "--debug");

    assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
    List<String> untagged = cleanup.out().lines().filter(line -> line.startsWith("untagged ")).toList();
    assertThat(untagged).extracting(line -> line.split(" ")[1]).containsExactlyInAnyOrderElementsOf(oldStages);
    assertThat(stageRefs(store)).doesNotContainAnyElementsOf(oldStages).hasSize(4);
    Set<String> removed = new TreeSet<>(blobsBefore);
    removed.removeAll(blobs(store));
    assertThat(blobs(store)).isEqualTo(reachable(store));
    assertThat(firstBlobs).containsAll(removed);
    // the old docker stage's config and manifest, and the old dimg image's config and manifest (its layer is
    // the archive's, which the current build still has)
    assertThat(removed).hasSize(2 + 2);
    assertThat(cleanup.out()).contains("removed 1 reference, 4 blobs (");
    assertThat(cleanup.err()).contains("login (local): no registry: matched")
        .doesNotContain("gitlab-ci-token");
    assertThat(dapp.home().resolve(".docker")).doesNotExist();

    InProcessDapp.Result rebuild = dapp.run(build);
    assertThat(rebuild.out()).contains("(0 of 4 stages built)");
    assertThat(Skopeo.json("inspect", "oci:" + store + ":backend").path("Layers")).hasSize(2);
    for (String stage : stageRefs(store)) {
      assertThat(Skopeo.json("inspect", "oci:" + store + ":" + stage).path("Labels").path("dapp-dimg").asText())
          .isEqualTo("false");
    }
    Skopeo.run("copy", "oci:" + store + ":backend", "dir:" + directory.resolve("copy"));
  }

  @Test
  void loginPlan_ofALocalCommand_saysNoLoginIsNeeded() {
    dapp.env("CI_JOB_TOKEN", "job-token").env("CI_REGISTRY", "registry.example.com");
    dapp.env("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "cleanup-password");

    InProcessDapp.Result plan = dapp.run("registry", "login-plan", "--json", "dimg", "stages", "flush", "local");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("\"category\" : \"local\"", "\"type\" : \"none\"",
        "\"decidingRule\" : \"no registry\"").doesNotContain("gitlab-ci-token", "dapp-cleanup-repo");
  }

  @Test
  void aStoreThatDoesNotExist_hasNothingToClean_andIsNotCreated() throws Exception {
    TestProject project = TestProject.at(directory.resolve("shop")).dappfile(DAPPFILE);
    Path store = directory.resolve("no-store");

    InProcessDapp.Result flush = dapp.run("dimg", "stages", "flush", "local", "--dir", project.toString(), "--store",
        store.toString());

    assertThat(flush.exitCode()).as(flush.err()).isZero();
    assertThat(flush.out()).isEqualTo("no local image store at " + store + ": nothing to clean\n");
    assertThat(store).doesNotExist();
  }

  /** As if the builds ran two hours ago: older than the grace period, so garbage can go. */
  private static void ageEveryBlob(Path store) throws Exception {
    FileTime then = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    try (Stream<Path> files = Files.list(store.resolve("blobs/sha256"))) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, then);
      }
    }
  }

  private static Set<String> blobs(Path store) throws Exception {
    try (Stream<Path> files = Files.list(store.resolve("blobs/sha256"))) {
      return new TreeSet<>(files.map(f -> f.getFileName().toString()).toList());
    }
  }

  private static JsonNode index(Path store) throws Exception {
    return new ObjectMapper().readTree(store.resolve("index.json").toFile());
  }

  private static Set<String> stageRefs(Path store) throws Exception {
    Set<String> refs = new TreeSet<>();
    for (JsonNode entry : index(store).path("manifests")) {
      String name = entry.path("annotations").path("org.opencontainers.image.ref.name").asText();
      if (name.startsWith("dimgstage-")) {
        refs.add(name);
      }
    }
    return refs;
  }

  /** The stages the dimg image's chain has: its last stage's signature, then each parent's. */
  private static Set<String> currentStageRefs(Path store) throws Exception {
    Set<String> chain = new HashSet<>();
    JsonNode config = configOf(store, "backend");
    String signature = config.path("config").path("Labels").path("dapp-stage-signature").asText();
    while (!signature.isEmpty()) {
      chain.add("dimgstage-" + signature);
      signature = configOf(store, "dimgstage-" + signature).path("config").path("Labels")
          .path("dapp-parent-stage-signature").asText();
    }
    return chain;
  }

  private static JsonNode configOf(Path store, String name) throws Exception {
    for (JsonNode entry : index(store).path("manifests")) {
      if (name.equals(entry.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        JsonNode manifest = blob(store, entry.path("digest").asText());
        return blob(store, manifest.path("config").path("digest").asText());
      }
    }
    throw new AssertionError(name + " is not in " + store);
  }

  private static JsonNode blob(Path store, String digest) throws Exception {
    return new ObjectMapper().readTree(store.resolve("blobs/sha256").resolve(digest.substring(7)).toFile());
  }

  /** Every blob index.json reaches, read independently of dapp's own collector. */
  private static Set<String> reachable(Path store) throws Exception {
    Set<String> reachable = new TreeSet<>();
    for (JsonNode entry : index(store).path("manifests")) {
      String manifestDigest = entry.path("digest").asText();
      reachable.add(manifestDigest.substring(7));
      JsonNode manifest = blob(store, manifestDigest);
      reachable.add(manifest.path("config").path("digest").asText().substring(7));
      manifest.path("layers").forEach(layer -> reachable.add(layer.path("digest").asText().substring(7)));
    }
    return reachable;
  }
}

