package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.FaultProxy;
import io.dapp.adapters.registry.TokenService;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Repository;
import io.dapp.domain.tag.Slug;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitLab pipeline end to end, as its jobs run dapp: Distribution with GitLab-style token auth, a base image
 * another tool (skopeo) put in the project's registry, and dapp given nothing but the job's variables — it
 * logs in with {@code gitlab-ci-token}/{@code $CI_JOB_TOKEN} by itself. The first job (in {@link #firstJob})
 * builds a two-dimg project, pushes it with every tag scheme and pushes its stages; the tests then check
 * with skopeo what the registry holds, what the token service issued, what went over the wire, a second
 * runner that rebuilds nothing, and a clone elsewhere that builds the very same images.
 *
 * <p>dapp talks to the registry through a recording proxy (it is {@code CI_REGISTRY}); skopeo talks to the
 * registry directly, so the proxy sees dapp's requests only.
 */
class GitLabJobTokenEndToEndTest {

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS);

  private static final String CREDS = TokenService.JOB_USER + ":" + TokenService.JOB_PASSWORD;
  private static final String JOB_ID = "4711";

  @TempDir
  static Path root;

  private static FaultProxy proxy;
  private static Repository repo;
  private static Repository direct;
  private static String base;
  private static String baseLayer;
  private static TestProject project;
  private static Path firstRunnerTmp;
  private static String commit;
  private static InProcessDapp.Result firstPull;
  private static InProcessDapp.Result bp;
  private static InProcessDapp.Result tagPipelinePush;
  private static InProcessDapp.Result stagesPush;
  private static List<TokenService.IssuedToken> firstRunnerTokens;

  @BeforeAll
  static void firstJob() throws Exception {
    proxy = FaultProxy.recording(REGISTRY.host());
    direct = REGISTRY.newRepository();
    repo = new Repository(proxy.host(), direct.path());
    Path layout = baseImageLayout(root.resolve("base-oci"));
    Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", CREDS, "oci:" + layout + ":1.0",
        "docker://" + direct + "/base:1.0");
    base = repo + "/base:1.0";
    baseLayer = Skopeo.json("inspect", "--tls-verify=false", "--creds", CREDS, "docker://" + direct + "/base:1.0")
        .path("Layers").get(0).asText();
    project = TestProject.at(root.resolve("checkout"));
    commit = commitProject(project, "Dev");

    // The first pipeline runs the README's build job: stages pull (nothing there yet), bp, stages push.
    int before = TOKENS.issued().size();
    String store = root.resolve("runner-1-store").toString();
    TestDapp runner = job("runner-1");
    firstRunnerTmp = runner.tmp();
    firstPull = runner.run("dimg", "stages", "pull", "--dir", project.toString(), "--store", store, repo.toString());
    bp = runner.run("dimg", "bp", "--dir", project.toString(), "--store", store,
        "--tag-ci", "--tag-branch", "--tag-commit", "--tag-build-id", "--tag-plain", "release-1", repo.toString());
    stagesPush = runner.run("dimg", "stages", "push", "--dir", project.toString(), "--store", store,
        repo.toString());
    // Then a tag pipeline on the same commit.
    runner.env("CI_COMMIT_TAG", "v1.0").env("CI_COMMIT_REF_NAME", "v1.0");
    tagPipelinePush = runner.run("dimg", "push", "--dir", project.toString(), "--store", store,
        "--tag-ci", repo.toString());
    firstRunnerTokens = TOKENS.issued().subList(before, TOKENS.issued().size());
  }

  @AfterAll
  static void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** A runner's job of a branch pipeline on main: GitLab's variables, and nothing else of a login. */
  private static TestDapp job(String runner) throws Exception {
    return TestDapp.in(root.resolve(runner)).gitlabJob(repo.host(), TokenService.JOB_PASSWORD)
        .env("CI_REGISTRY_IMAGE", repo.toString())
        .env("CI_COMMIT_REF_NAME", "main")
        .env("CI_COMMIT_SHA", commit)
        .env("CI_JOB_ID", JOB_ID);
  }

  @Test
  void theFirstJob_buildsFromTheBaseSkopeoPut_andPushesEveryTagOnce() throws Exception {
    assertThat(firstPull.exitCode()).as(firstPull.all()).isZero();
    assertThat(firstPull.out()).contains("backend: no stage to pull from " + repo,
        "frontend: no stage to pull from " + repo);
    assertThat(bp.exitCode()).as(bp.all()).isZero();
    // The stages pull before it pulled the base and made the from stage (walking the chain needs it).
    assertThat(bp.out()).contains("backend: from " + base + " (sha256:", "using cached stage", "(2 of 3 stages built)");
    for (String dimg : List.of("backend", "frontend")) {
      for (String tag : List.of("main", commit, JOB_ID, "release-1")) {
        assertThat(bp.out()).containsOnlyOnce(repo + "/" + dimg + ":" + tag + ": pushed sha256:");
      }
    }
    assertThat(bp.out()).contains(" mounted");
    assertThat(tagPipelinePush.exitCode()).as(tagPipelinePush.all()).isZero();
    assertThat(tagPipelinePush.out())
        .contains(repo + "/backend:" + Slug.of("v1.0") + ": pushed sha256:", "already present")
        .doesNotContainPattern("layer sha256:[0-9a-f]+ pushed");
    assertThat(stagesPush.exitCode()).as(stagesPush.all()).isZero();
    assertThat(stagesPush.out()).contains(repo + ":dimgstage-");
    for (InProcessDapp.Result result : List.of(firstPull, bp, stagesPush, tagPipelinePush)) {
      assertThat(result.all()).doesNotContain(TokenService.JOB_PASSWORD);
    }
    try (Stream<Path> left = Files.list(firstRunnerTmp)) {
      assertThat(left).as("temporary docker configs").isEmpty();
    }
  }

  @Test
  void everyPushedTag_isAValidImage_withTheBaseAndGitLayers_theDappfileConfig_andItsSchemeLabel() throws Exception {
    Map<String, String> schemes = new LinkedHashMap<>();
    schemes.put("main", "git_branch");
    schemes.put(commit, "git_commit");
    schemes.put(JOB_ID, "ci");
    schemes.put("release-1", "custom");
    schemes.put(Slug.of("v1.0"), "git_tag");
    List<String> digests = new ArrayList<>();
    for (Map.Entry<String, String> tag : schemes.entrySet()) {
      String backend = "docker://" + direct + "/backend:" + tag.getKey();
      JsonNode image = Skopeo.json("inspect", "--tls-verify=false", "--creds", CREDS, backend);
      assertThat(image.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
      assertThat(image.path("Labels").path("dapp-tag-scheme").asText()).as(tag.getKey()).isEqualTo(tag.getValue());
      assertThat(image.path("Labels").path("dapp-dimg-name").asText()).isEqualTo("backend");
      assertThat(image.path("Labels").path("team").asText()).isEqualTo("shop");
      assertThat(image.path("Labels").path("org.example.base").asText()).isEqualTo("1.0");
      assertThat(image.path("Layers")).as("the base's and the git archive's").hasSize(2);
      assertThat(image.path("Layers").get(0).asText()).isEqualTo(baseLayer);
      digests.add(image.path("Digest").asText());

      JsonNode config = Skopeo.json("inspect", "--config", "--tls-verify=false", "--creds", CREDS, backend);
      assertThat(config.path("config").path("Env").toString()).isEqualTo("[\"PATH=/usr/bin:/bin\",\"LANG=C.UTF-8\"]");
      assertThat(config.path("config").path("Cmd").toString()).isEqualTo("[\"/app/bin/run\"]");
      assertThat(config.path("config").path("WorkingDir").asText()).isEqualTo("/app");
      assertThat(config.path("config").path("User").asText()).isEqualTo("app");
      assertThat(config.path("config").path("ExposedPorts").has("8080/tcp")).isTrue();
      assertThat(config.path("rootfs").path("diff_ids")).hasSize(2);

      JsonNode manifest = Skopeo.json("inspect", "--raw", "--tls-verify=false", "--creds", CREDS, backend);
      assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaType.OCI_MANIFEST.value());
      assertThat(manifest.path("layers")).hasSize(2);
    }
    assertThat(digests).as("a config (and manifest) per scheme").doesNotHaveDuplicates();

    JsonNode frontend = Skopeo.json("inspect", "--config", "--tls-verify=false", "--creds", CREDS,
        "docker://" + direct + "/frontend:main");
    assertThat(frontend.path("config").path("Cmd").toString()).as("inherited from the base").isEqualTo("[\"/bin/sh\"]");
    assertThat(frontend.path("config").path("Labels").path("dapp-tag-scheme").asText()).isEqualTo("git_branch");
    assertThat(frontend.path("rootfs").path("diff_ids")).hasSize(2);
  }

  @Test
  void aPushedImage_copiesWithSkopeo_everyBlobMatchesItsDigest_andTheGitLayerHasTheBaseImagesOwner() throws Exception {
    Path copy = root.resolve("skopeo-copy-" + System.nanoTime());
    Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", CREDS, "docker://" + direct + "/backend:" + commit,
        "oci:" + copy + ":backend");
    JsonNode index = new ObjectMapper().readTree(copy.resolve("index.json").toFile());
    JsonNode manifest = new ObjectMapper().readTree(blob(copy, index.path("manifests").get(0).path("digest").asText()));
    JsonNode config = new ObjectMapper().readTree(blob(copy, manifest.path("config").path("digest").asText()));
    List<String> diffIds = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      byte[] gzipped = blob(copy, layer.path("digest").asText());
      assertThat(Digests.sha256(gzipped).toString()).isEqualTo(layer.path("digest").asText());
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
        diffIds.add(Digests.sha256(in.readAllBytes()).toString());
      }
    }
    assertThat(config.path("rootfs").path("diff_ids")).extracting(JsonNode::asText).containsExactlyElementsOf(diffIds);
    // The git archive: both entries in one layer, the first owned by the base image's user app.
    assertThat(listing(blob(copy, manifest.path("layers").get(1).path("digest").asText()))).containsExactly(
        "app/ 1500:1600", "app/bin/ 1500:1600", "app/bin/run 1500:1600", "etc/ 0:0", "etc/shop/ 0:0",
        "etc/shop/shop.conf 0:0");
  }

  @Test
  void afterPushingEveryScheme_theStoreHoldsNoBlobThatNoNameReaches() throws Exception {
    Path store = root.resolve("runner-1-store");
    ObjectMapper mapper = new ObjectMapper();
    List<String> reachable = new ArrayList<>();
    for (JsonNode named : mapper.readTree(store.resolve("index.json").toFile()).path("manifests")) {
      String digest = named.path("digest").asText();
      JsonNode manifest = mapper.readTree(blob(store, digest));
      reachable.add(digest);
      reachable.add(manifest.path("config").path("digest").asText());
      manifest.path("layers").forEach(layer -> reachable.add(layer.path("digest").asText()));
    }
    try (Stream<Path> blobs = Files.list(store.resolve("blobs/sha256"))) {
      assertThat(blobs.map(blob -> "sha256:" + blob.getFileName())).as("blobs no name reaches")
          .isSubsetOf(reachable);
    }
  }

  @Test
  void theJobToken_gotPullAndPushTokens_andTheRegistryOnlyEverSawBearerTokens() {
    assertThat(firstRunnerTokens).isNotEmpty()
        .allSatisfy(token -> assertThat(token.user()).isEqualTo(TokenService.JOB_USER));
    List<String> scopes = firstRunnerTokens.stream().flatMap(token -> token.scopes().stream()).toList();
    assertThat(scopes).contains(
        "repository:" + repo.path() + "/base:pull",
        "repository:" + repo.path() + "/backend:pull,push",
        "repository:" + repo.path() + "/frontend:pull,push",
        "repository:" + repo.path() + ":pull,push");
    assertThat(scopes).noneMatch(scope -> scope.contains("delete") || scope.endsWith(":*"));

    List<String> authorizations = proxy.headerValues("Authorization");
    assertThat(authorizations).isNotEmpty().allSatisfy(value -> assertThat(value).startsWith("Bearer "));
    String password = TokenService.JOB_PASSWORD;
    assertThat(String.join("\n", authorizations)).doesNotContain(password)
        .doesNotContain(Base64.getEncoder().encodeToString((TokenService.JOB_USER + ":" + password)
            .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSecondRunner_pullsTheStagesIntoAnEmptyStore_andBuildsNothing() throws Exception {
    Path store = root.resolve("runner-2-store");
    TestDapp runner = job("runner-2");

    InProcessDapp.Result pull = runner.run("dimg", "stages", "pull", "--dir", project.toString(),
        "--store", store.toString(), repo.toString());
    InProcessDapp.Result build = runner.run("dimg", "build", "--dir", project.toString(),
        "--store", store.toString());

    assertThat(pull.exitCode()).as(pull.all()).isZero();
    assertThat(pull.out()).contains("backend: docker: pulled stage", "frontend: docker: pulled stage");
    assertThat(build.exitCode()).as(build.all()).isZero();
    assertThat(build.out()).contains("tagged 'backend'", "(0 of 3 stages built)", "tagged 'frontend'")
        .doesNotContain("built stage");
    try (Stream<Path> left = Files.list(runner.tmp())) {
      assertThat(left).as("temporary docker configs").isEmpty();
    }
  }

  @Test
  void aCloneInAnotherDirectory_withAnotherStore_buildsTheSameManifests_soItsPushChangesNoTag() throws Exception {
    TestProject clone = TestProject.at(root.resolve("elsewhere/another-clone"));
    commitProject(clone, "Someone Else");
    Path store = root.resolve("runner-3-store");

    InProcessDapp.Result result = job("runner-3").run("dimg", "bp", "--dir", clone.toString(),
        "--store", store.toString(), "--tag-ci", repo.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("(3 of 3 stages built)", repo + "/backend:main: up to date",
        repo + "/frontend:main: up to date").doesNotContain(": pushed");
    String built = Skopeo.json("inspect", "oci:" + store + ":backend").path("Digest").asText();
    String first = Skopeo.json("inspect", "oci:" + root.resolve("runner-1-store") + ":backend").path("Digest").asText();
    assertThat(built).isEqualTo(first);
  }

  /**
   * The two-dimg project: backend's files owned by the base image's user {@code app}, a second git entry,
   * and docker directives; frontend keeps the base image's CMD. Committed by {@code author}, so two clones
   * differ in commit id and time but not in content.
   */
  private static String commitProject(TestProject project, String author) throws Exception {
    return project.dappfile("""
        dimg: backend
        from: %1$s
        git:
        - add: /src
          to: /app
          owner: app
        - add: /config
          to: /etc/shop
        docker:
          WORKDIR: /app
          USER: app
          ENV: {LANG: C.UTF-8}
          LABEL: {team: shop}
          EXPOSE: ["8080"]
          CMD: [/app/bin/run]
        ---
        dimg: frontend
        from: %1$s
        git:
        - add: /web
          to: /srv
        docker:
          LABEL: {team: web}
        """.formatted(base))
        .file("src/bin/run", "#!/bin/sh\necho shop\n")
        .file("config/shop.conf", "port=8080\n")
        .file("web/index.html", "<html/>\n")
        .commit("shop", author);
  }

  /**
   * A one-layer linux/amd64 image as an OCI layout written byte by byte here, not by dapp: its layer holds
   * {@code /etc/passwd} and {@code /etc/group} with user and group {@code app} (1500/1600).
   */
  private static Path baseImageLayout(Path layout) throws Exception {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      tarFile(out, "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1500:1600::/app:/bin/sh\n");
      tarFile(out, "etc/group", "root:x:0:\napp:x:1600:\n");
    }
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(tar.toByteArray());
    }
    byte[] layer = gzipped.toByteArray();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\"],"
        + "\"Cmd\":[\"/bin/sh\"],\"Labels\":{\"org.example.base\":\"1.0\"}},\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"" + Digests.sha256(tar.toByteArray()) + "\"]}}").getBytes(StandardCharsets.UTF_8);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":"
        + descriptor(MediaType.OCI_CONFIG.value(), config) + ",\"layers\":["
        + descriptor(MediaType.OCI_LAYER.value(), layer) + "]}").getBytes(StandardCharsets.UTF_8);
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    for (byte[] blob : List.of(layer, config, manifest)) {
      Files.write(blobs.resolve(Digests.sha256(blob).hex()), blob);
    }
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + MediaType.OCI_MANIFEST.value() + "\",\"digest\":\"" + Digests.sha256(manifest) + "\",\"size\":"
        + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}]}");
    return layout;
  }

  private static void tarFile(TarArchiveOutputStream out, String name, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setMode(0100644);
    out.putArchiveEntry(entry);
    out.write(bytes);
    out.closeArchiveEntry();
  }

  private static String descriptor(String mediaType, byte[] blob) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digests.sha256(blob) + "\",\"size\":"
        + blob.length + "}";
  }

  private static byte[] blob(Path layout, String digest) throws Exception {
    return Files.readAllBytes(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
  }

  private static List<String> listing(byte[] gzippedTar) throws Exception {
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(new ByteArrayInputStream(gzippedTar)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries.add(entry.getName() + " " + entry.getLongUserId() + ":" + entry.getLongGroupId());
      }
    }
    return entries;
  }
}
