package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.env.SystemEnvironment;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dapp dimg stages cleanup local} end to end: two builds of a changed project into a real store,
 * then the cleanup removes exactly the first build's stages and the blobs only they used; the current
 * build stays whole (skopeo reads and copies it) and cached.
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

  private final Map<String, String> environment = new HashMap<>();

  record Result(int exitCode, String out, String err) {}

  private Result dapp(String... args) {
    environment.putIfAbsent("HOME", directory.resolve("home").toString());
    BuildTestDappComponent component = DaggerBuildTestDappComponent.factory().create(
        new SystemEnvironment(environment), () -> new ByteArrayInputStream(new byte[0]));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DappCommandLine.execute(component.commandFactory(), new PrintWriter(out), new PrintWriter(err), args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static void commit(Git git, Path project, String path, String content) throws Exception {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    git.add().addFilepattern(".").call();
    git.commit().setMessage("change " + path).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
        .setSign(false).call();
  }

  @Test
  void stagesCleanupLocal_removesExactlyTheOldChain_andTheCurrentBuildStaysWholeAndCached() throws Exception {
    Path project = Files.createDirectories(directory.resolve("shop"));
    Path store = directory.resolve("store");
    String[] build = {"dimg", "build", "--dir", project.toString(), "--store", store.toString()};
    Set<String> firstStages;
    Set<String> firstBlobs;
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      Files.writeString(project.resolve("dappfile.yaml"), DAPPFILE);
      commit(git, project, "config/app.yml", "port: 8080");
      commit(git, project, "src/run", "v1");
      assertThat(dapp(build).exitCode()).isZero();
      firstStages = stageRefs(store);
      firstBlobs = blobs(store);

      commit(git, project, "src/run", "v2");
      Result second = dapp(build);
      assertThat(second.out()).contains("(3 of 4 stages built)");
    }
    Set<String> oldStages = new TreeSet<>(firstStages);
    oldStages.removeAll(currentStageRefs(store));
    assertThat(oldStages).hasSize(3);
    ageEveryBlob(store);
    byte[] index = Files.readAllBytes(store.resolve("index.json"));
    Set<String> blobsBefore = blobs(store);

    environment.put("CI_JOB_TOKEN", "job-token");
    environment.put("CI_REGISTRY", "registry.example.com");
    Result dryRun = dapp("dimg", "stages", "cleanup", "local", "--dir", project.toString(), "--store",
        store.toString(), "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(Files.readAllBytes(store.resolve("index.json"))).isEqualTo(index);
    assertThat(blobs(store)).isEqualTo(blobsBefore);
    assertThat(dryRun.out()).contains("dry run: would remove 3 references, ").endsWith("; nothing was changed\n");

    Result cleanup = dapp("dimg", "stages", "cleanup", "local", "--dir", project.toString(), "--store",
        store.toString(), "--debug");

    assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
    List<String> untagged = cleanup.out().lines().filter(line -> line.startsWith("untagged ")).toList();
    assertThat(untagged).extracting(line -> line.split(" ")[1]).containsExactlyInAnyOrderElementsOf(oldStages);
    assertThat(stageRefs(store)).doesNotContainAnyElementsOf(oldStages).hasSize(4);
    Set<String> removed = new TreeSet<>(blobsBefore);
    removed.removeAll(blobs(store));
    assertThat(blobs(store)).isEqualTo(reachable(store));
    assertThat(firstBlobs).containsAll(removed);
    // the old git layer, the old stages' configs and manifests, and the old dimg image's config and manifest
    assertThat(removed).hasSize(1 + 3 * 2 + 2);
    assertThat(cleanup.out()).contains("removed 3 references, 9 blobs (");
    assertThat(cleanup.err()).contains("login (local): no registry: matched")
        .doesNotContain("gitlab-ci-token");
    assertThat(directory.resolve("home").resolve(".docker")).doesNotExist();

    Result rebuild = dapp(build);
    assertThat(rebuild.out()).contains("(0 of 4 stages built)");
    assertThat(skopeoJson("inspect", "oci:" + store + ":backend").path("Layers")).hasSize(2);
    for (String stage : stageRefs(store)) {
      assertThat(skopeoJson("inspect", "oci:" + store + ":" + stage).path("Labels").path("dapp-dimg").asText())
          .isEqualTo("false");
    }
    skopeo("copy", "oci:" + store + ":backend", "dir:" + directory.resolve("copy"));
  }

  @Test
  void loginPlan_ofALocalCommand_saysNoLoginIsNeeded() {
    environment.put("CI_JOB_TOKEN", "job-token");
    environment.put("CI_REGISTRY", "registry.example.com");
    environment.put("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "cleanup-password");

    Result plan = dapp("registry", "login-plan", "--json", "dimg", "stages", "flush", "local");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("\"category\" : \"local\"", "\"type\" : \"none\"",
        "\"decidingRule\" : \"no registry\"").doesNotContain("gitlab-ci-token", "dapp-cleanup-repo");
  }

  @Test
  void aStoreThatDoesNotExist_hasNothingToClean_andIsNotCreated() throws Exception {
    Path project = Files.createDirectories(directory.resolve("shop"));
    Files.writeString(project.resolve("dappfile.yaml"), DAPPFILE);
    Path store = directory.resolve("no-store");

    Result flush = dapp("dimg", "stages", "flush", "local", "--dir", project.toString(), "--store", store.toString());

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

  private static JsonNode skopeoJson(String... args) throws Exception {
    return new ObjectMapper().readTree(skopeo(args));
  }

  private static String skopeo(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }
}
