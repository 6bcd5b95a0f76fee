package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Digests;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.MediaType;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
