package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dapp dimg build} end to end: dappfile, git, layers, stages and the store, checked with skopeo. */
class BuildEndToEndTest {

  private static final String DAPPFILE = """
      dimg: backend
      from: scratch
      git:
      - add: /src
        to: /app
        excludePaths: ['**/*_test.rb']
        owner: 1000
      docker:
        WORKDIR: /app
        ENV: {LANG: C.UTF-8}
        LABEL: {team: web}
        EXPOSE: ["8080"]
        ENTRYPOINT: [/app/bin/run]
        CMD: [--serve]
      ---
      dimg: frontend
      from: scratch
      git:
      - add: /assets
        to: /srv
      """;

  @TempDir
  Path directory;

  private TestDapp dapp;

  @BeforeEach
  void dapp() throws Exception {
    dapp = TestDapp.in(directory);
  }

  /** The two-dimg project, committed; {@code appContent} is the one file that differs between projects. */
  private TestProject project(String name, String appContent) throws Exception {
    TestProject project = TestProject.at(directory.resolve(name)).dappfile(DAPPFILE)
        .file("src/app.rb", appContent)
        .file("src/app_test.rb", "test")
        .executable("src/bin/run", "#!/bin/sh\nexec ruby app.rb\n")
        .file("assets/index.html", "<html/>");
    project.commit("project " + name, name);
    return project;
  }

  @Test
  void build_writesImagesSkopeoReads_withConfigAndLabels() throws Exception {
    TestProject project = project("one", "puts 1");
    Path store = directory.resolve("store");

    InProcessDapp.Result result = dapp.run("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("backend: from scratch: built stage", "backend: git archive /src -> /app: built stage",
        "backend: docker: built stage", "tagged 'backend' in " + store + " (3 of 3 stages built)",
        "frontend: from scratch: using cached stage", "tagged 'frontend'");
    JsonNode image = Skopeo.json("inspect", "oci:" + store + ":backend");
    assertThat(image.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
    assertThat(image.path("Labels").path("team").asText()).isEqualTo("web");
    assertThat(image.path("Architecture").asText()).isEqualTo("amd64");
    assertThat(image.path("Os").asText()).isEqualTo("linux");
    assertThat(image.path("Created").asText()).isEqualTo("1970-01-01T00:00:00Z");
    JsonNode config = Skopeo.json("inspect", "--config", "oci:" + store + ":backend").path("config");
    assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/app/bin/run\"]");
    assertThat(config.path("Cmd").toString()).isEqualTo("[\"--serve\"]");
    assertThat(config.path("Env").toString()).isEqualTo("[\"LANG=C.UTF-8\"]");
    assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");

    String stageTag = "dimgstage-" + config.path("Labels").path("dapp").asText();
    JsonNode stage = Skopeo.json("inspect", "oci:" + store + ":" + stageTag);
    assertThat(stage.path("Labels").path("dapp-dimg").asText()).isEqualTo("false");
    assertThat(stage.path("Layers")).isEqualTo(image.path("Layers"));

    assertThat(layerListing(store, image.path("Layers").get(0).asText())).containsExactly(
        "app/ 40755 1000:1000 0",
        "app/app.rb 100644 1000:1000 0",
        "app/bin/ 40755 1000:1000 0",
        "app/bin/run 100755 1000:1000 0");
  }

  @Test
  void sameProjectInTwoDirectories_givesTheSameImage_otherContentAnother() throws Exception {
    TestProject one = project("one", "puts 1");
    TestProject two = project("two", "puts 1");
    TestProject three = project("three", "puts 3");

    assertThat(dapp.run("dimg", "build", "--dir", one.toString(), "--store", directory.resolve("s1").toString())
        .exitCode()).isZero();
    assertThat(dapp.run("dimg", "build", "--dir", two.toString(), "--store", directory.resolve("s2").toString())
        .exitCode()).isZero();
    assertThat(dapp.run("dimg", "build", "--dir", three.toString(), "--store", directory.resolve("s3").toString())
        .exitCode()).isZero();

    String first = Skopeo.json("inspect", "oci:" + directory.resolve("s1") + ":backend").path("Digest").asText();
    String second = Skopeo.json("inspect", "oci:" + directory.resolve("s2") + ":backend").path("Digest").asText();
    String third = Skopeo.json("inspect", "oci:" + directory.resolve("s3") + ":backend").path("Digest").asText();
    assertThat(second).isEqualTo(first);
    assertThat(third).isNotEqualTo(first);
  }

  @Test
  void secondBuild_buildsNoStage_andWritesNoNewBlob() throws Exception {
    TestProject project = project("one", "puts 1");
    Path store = directory.resolve("store");
    dapp.run("dimg", "build", "--dir", project.toString(), "--store", store.toString());
    List<Path> blobs = blobs(store);

    InProcessDapp.Result second = dapp.run("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("(0 of 3 stages built)", "(0 of 2 stages built)").doesNotContain("built stage");
    assertThat(blobs(store)).containsExactlyElementsOf(blobs);
  }

  @Test
  void fromAnImageAlreadyInTheStore_buildsOffline_withOwnerNamesFromItsPasswd() throws Exception {
    Path store = directory.resolve("store");
    TestProject baseProject = TestProject.at(directory.resolve("base")).dappfile("""
        dimg: base
        from: scratch
        git:
        - add: /etc
          to: /etc
        docker:
          ENV: {PATH: /usr/bin}
        """);
    baseProject.file("etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1500:1600::/app:/bin/sh\n");
    assertThat(dapp.run("dimg", "build", "--dir", baseProject.toString(), "--store", store.toString()).exitCode())
        .isZero();
    Skopeo.run("copy", "oci:" + store + ":base", "oci:" + store + ":registry.example.com/team/base:1");
    TestProject project = TestProject.at(directory.resolve("app")).dappfile("""
        from: registry.example.com/team/base:1
        git:
        - add: /
          to: /app
          includePaths: [app.rb]
          owner: app
        """);
    project.file("app.rb", "puts 1");

    InProcessDapp.Result result = dapp.run("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("from registry.example.com/team/base:1 (sha256:", "tagged 'nameless-dimg'");
    JsonNode image = Skopeo.json("inspect", "oci:" + store + ":nameless-dimg");
    assertThat(image.path("Layers")).hasSize(2);
    assertThat(image.path("Env").toString()).isEqualTo("[\"PATH=/usr/bin\"]");
    assertThat(layerListing(store, image.path("Layers").get(1).asText()))
        .containsExactly("app/ 40755 1500:1600 0", "app/app.rb 100644 1500:1600 0");
  }

  @Test
  void fromAnImageNotInTheStore_failsPlainly() throws Exception {
    TestProject project = TestProject.at(directory.resolve("app")).dappfile("from: 127.0.0.1:9/library/alpine:3.19\n");

    InProcessDapp.Result result = dapp.run("dimg", "build", "--dir", project.toString(), "--store",
        directory.resolve("s").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("dapp: error: ").contains("127.0.0.1:9").doesNotContain("\n  at ");
  }

  @Test
  void bp_buildsThenFailsPlainlyAtAnUnreachablePush() throws Exception {
    TestProject project = project("one", "puts 1");
    Path store = directory.resolve("store");

    InProcessDapp.Result result = dapp.run("dimg", "bp", "--dir", project.toString(), "--store", store.toString(),
        "127.0.0.1:9/web/app");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("tagged 'backend'", "tagged 'frontend'");
    assertThat(result.err()).startsWith("dapp: error: ").contains("127.0.0.1:9").doesNotContain("\n  at ");
  }

  @Test
  void storeFromTheEnvironment_andQuiet() throws Exception {
    TestProject project = project("one", "puts 1");
    Path store = directory.resolve("from-env");
    dapp.env("DAPP_STORE", store.toString());

    InProcessDapp.Result result = dapp.run("dimg", "build", "--dir", project.toString(), "--quiet", "frontend");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(Skopeo.json("inspect", "oci:" + store + ":frontend").path("Layers")).hasSize(1);
  }

  @Test
  void invalidPlatform_isAUsageError() throws Exception {
    TestProject project = project("one", "puts 1");

    InProcessDapp.Result result = dapp.run("dimg", "build", "--dir", project.toString(), "--platform", "amd64");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("invalid platform 'amd64': expected os/architecture[/variant]");
  }

  private static List<Path> blobs(Path store) throws Exception {
    try (Stream<Path> files = Files.list(store.resolve("blobs/sha256"))) {
      return files.sorted().toList();
    }
  }

  private static List<String> layerListing(Path store, String digest) throws Exception {
    List<String> listing = new ArrayList<>();
    Path blob = store.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    try (InputStream in = Files.newInputStream(blob);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        listing.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getLongUserId() + ":"
            + entry.getLongGroupId() + " " + entry.getModTime().getTime());
      }
    }
    return listing;
  }
}
