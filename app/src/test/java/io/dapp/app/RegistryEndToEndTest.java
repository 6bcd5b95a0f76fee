package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build, push and the stage cache through the assembled CLI as a GitLab job runs them: job-token autologin
 * against a real Distribution registry with htpasswd, a base image put in the registry beforehand.
 */
class RegistryEndToEndTest {

  private static final String JOB_TOKEN = "push-job-token-s3cret";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("gitlab-ci-token", JOB_TOKEN));

  @TempDir
  Path root;

  private final Map<String, String> environment = new HashMap<>();
  private Repository base;
  private Path project;

  @BeforeEach
  void gitlabJob() throws Exception {
    base = REGISTRY.newRepository();
    project = Files.createDirectories(root.resolve("shop"));
    environment.put("HOME", Files.createDirectories(root.resolve("home")).toString());
    environment.put("TMPDIR", Files.createDirectories(root.resolve("tmp")).toString());
    environment.put("CI_REGISTRY", REGISTRY.host().name());
    environment.put("CI_JOB_TOKEN", JOB_TOKEN);
    environment.put("CI_COMMIT_REF_NAME", "main");
    pushBase(base.withTag("1").toString());
  }

  private InProcessDapp.Result dapp(String... args) {
    return WholeDappComponent.run(environment, args);
  }

  private void commitProject(String dappfile) throws Exception {
    Files.writeString(project.resolve("dappfile.yaml"), dappfile);
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/app.rb"), "puts 1");
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("shop").setAuthor("ci", "ci@example.com").setCommitter("ci", "ci@example.com")
          .setSign(false).call();
    }
  }

  @Test
  void build_fromABaseInTheRegistry_pullsItWithTheJobToken() throws Exception {
    commitProject("dimg: app\nfrom: " + base.withTag("1") + "\ngit:\n- add: /src\n  to: /app\n");
    Path store = root.resolve("store");

    InProcessDapp.Result result = dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("app: from " + base.withTag("1") + " (sha256:", "(2 of 2 stages built)");
    assertThat(result.out() + result.err()).doesNotContain(JOB_TOKEN);

    InProcessDapp.Result again = dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(again.out()).contains("(0 of 2 stages built)");
  }

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void bp_pushesTwoDimgsWithTwoTagSchemes_thenStagesGoThroughTheRegistryToASecondRunner() throws Exception {
    environment.put("CI_COMMIT_SHA", COMMIT);
    Files.createDirectories(project.resolve("web"));
    Files.writeString(project.resolve("web/index.html"), "<html/>");
    commitProject("dimg: backend\nfrom: " + base.withTag("1") + "\ngit:\n- add: /src\n  to: /app\n"
        + "docker:\n  LABEL: {team: shop}\n---\n"
        + "dimg: frontend\nfrom: " + base.withTag("1") + "\ngit:\n- add: /web\n  to: /srv\n");
    Repository repository = REGISTRY.newRepository();
    Path store = root.resolve("store");

    InProcessDapp.Result bp = dapp("dimg", "bp", "--dir", project.toString(), "--store", store.toString(),
        "--tag-ci", "--tag-commit", repository.toString());

    assertThat(bp.exitCode()).as(bp.err()).isZero();
    assertThat(bp.out()).contains(repository + "/backend:main: pushed sha256:", repository + "/backend:" + COMMIT
        + ": pushed sha256:", repository + "/frontend:main: pushed sha256:", ": layer sha256:")
        .contains(" mounted").doesNotContain(JOB_TOKEN);
    String creds = "gitlab-ci-token:" + JOB_TOKEN;
    JsonNode branchImage = skopeoJson("inspect", "--tls-verify=false", "--creds", creds,
        "docker://" + repository + "/backend:main");
    assertThat(branchImage.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
    assertThat(branchImage.path("Labels").path("dapp-tag-scheme").asText()).isEqualTo("git_branch");
    assertThat(branchImage.path("Labels").path("dapp-dimg-name").asText()).isEqualTo("backend");
    assertThat(branchImage.path("Labels").path("team").asText()).isEqualTo("shop");
    assertThat(branchImage.path("Layers")).hasSize(2);
    JsonNode commitImage = skopeoJson("inspect", "--tls-verify=false", "--creds", creds,
        "docker://" + repository + "/backend:" + COMMIT);
    assertThat(commitImage.path("Labels").path("dapp-tag-scheme").asText()).isEqualTo("git_commit");
    assertThat(commitImage.path("Layers")).isEqualTo(branchImage.path("Layers"));

    InProcessDapp.Result again = dapp("dimg", "push", "--dir", project.toString(), "--store", store.toString(),
        "--tag-ci", repository.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains(repository + "/backend:main: up to date", "already present")
        .doesNotContain(": pushed");

    InProcessDapp.Result stagesPush = dapp("dimg", "stages", "push", "--dir", project.toString(), "--store",
        store.toString(), repository.toString());
    assertThat(stagesPush.exitCode()).as(stagesPush.err()).isZero();
    assertThat(stagesPush.out()).contains(repository + ":dimgstage-");
    String stageTag = "dimgstage-" + branchImage.path("Labels").path("dapp-stage-signature").asText();
    JsonNode stage = skopeoJson("inspect", "--tls-verify=false", "--creds", creds, "docker://" + repository + ":"
        + stageTag);
    assertThat(stage.path("Labels").path("dapp-dimg").asText()).isEqualTo("false");
    assertThat(stage.path("Labels").path("dapp-parent-stage-signature").asText()).isNotEmpty();

    Path secondRunner = root.resolve("second-runner-store");
    InProcessDapp.Result pull = dapp("dimg", "stages", "pull", "--dir", project.toString(), "--store",
        secondRunner.toString(), repository.toString());
    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.out()).contains("backend: docker: pulled stage", "frontend: git /web -> /srv (1 files): pulled stage");
    InProcessDapp.Result rebuild = dapp("dimg", "build", "--dir", project.toString(), "--store",
        secondRunner.toString());
    assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    assertThat(rebuild.out()).contains("backend: image", "(0 of 3 stages built)", "(0 of 2 stages built)")
        .doesNotContain("built stage");
  }

  private static JsonNode skopeoJson(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return new ObjectMapper().readTree(out);
  }

  /** A one-layer linux/amd64 base image, pushed as a pipeline that built it would have. */
  private void pushBase(String reference) throws Exception {
    byte[] content = "base layer".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(content);
    }
    BlobSource layer = BlobSource.ofBytes(gzipped.toByteArray());
    BlobSource config = BlobSource.ofBytes(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":"
        + "[\"PATH=/usr/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digests.sha256(content)
        + "\"]}}").getBytes(StandardCharsets.UTF_8));
    Manifest manifest = Manifest.of(MediaType.OCI_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\""
        + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\""
        + config.digest() + "\",\"size\":" + config.size() + "},\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER
        + "\",\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.size() + "}]}");
    try (RegistryClient client = new JerseyRegistryClientFactory().open(pusher(), RegistryOptions.defaults())) {
      client.pushBlob(base, layer, Optional.empty());
      client.pushBlob(base, config, Optional.empty());
      client.pushManifest(io.dapp.domain.model.ImageReference.parse(reference), manifest);
    }
  }

  private DockerConfig pusher() {
    return new DockerConfig() {
      @Override
      public Path directory() {
        return root.resolve("pusher-config");
      }

      @Override
      public Optional<RegistryAuth> authFor(RegistryHost host) {
        return Optional.of(new RegistryAuth.Basic(new Credentials("gitlab-ci-token", Secret.of(JOB_TOKEN))));
      }
    };
  }
}
