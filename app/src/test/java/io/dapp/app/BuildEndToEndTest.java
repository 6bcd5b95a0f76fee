package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.env.SystemEnvironment;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.eclipse.jgit.api.Git;
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

  private Path project(String name, String appContent) throws Exception {
    Path project = Files.createDirectories(directory.resolve(name));
    Files.writeString(project.resolve("dappfile.yaml"), DAPPFILE);
    write(project, "src/app.rb", appContent);
    write(project, "src/app_test.rb", "test");
    Path run = write(project, "src/bin/run", "#!/bin/sh\nexec ruby app.rb\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    write(project, "assets/index.html", "<html/>");
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("project " + name).setAuthor(name, name + "@example.com")
          .setCommitter(name, name + "@example.com").setSign(false).call();
    }
    return project;
  }

  private static Path write(Path project, String path, String content) throws Exception {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
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

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void build_writesImagesSkopeoReads_withConfigAndLabels() throws Exception {
    Path project = project("one", "puts 1");
    Path store = directory.resolve("store");

    Result result = dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("backend: from scratch: built stage", "backend: git /src -> /app (2 files): built stage",
        "backend: docker: built stage", "tagged 'backend' in " + store + " (3 of 3 stages built)",
        "frontend: from scratch: using cached stage", "tagged 'frontend'");
    JsonNode image = json(skopeo("inspect", "oci:" + store + ":backend"));
    assertThat(image.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
    assertThat(image.path("Labels").path("team").asText()).isEqualTo("web");
    assertThat(image.path("Architecture").asText()).isEqualTo("amd64");
    assertThat(image.path("Os").asText()).isEqualTo("linux");
    assertThat(image.path("Created").asText()).isEqualTo("1970-01-01T00:00:00Z");
    JsonNode config = json(skopeo("inspect", "--config", "oci:" + store + ":backend")).path("config");
    assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/app/bin/run\"]");
    assertThat(config.path("Cmd").toString()).isEqualTo("[\"--serve\"]");
    assertThat(config.path("Env").toString()).isEqualTo("[\"LANG=C.UTF-8\"]");
    assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");

    String stageTag = "dimgstage-" + config.path("Labels").path("dapp").asText();
    JsonNode stage = json(skopeo("inspect", "oci:" + store + ":" + stageTag));
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
    Path one = project("one", "puts 1");
    Path two = project("two", "puts 1");
    Path three = project("three", "puts 3");

    assertThat(dapp("dimg", "build", "--dir", one.toString(), "--store", directory.resolve("s1").toString())
        .exitCode()).isZero();
    assertThat(dapp("dimg", "build", "--dir", two.toString(), "--store", directory.resolve("s2").toString())
        .exitCode()).isZero();
    assertThat(dapp("dimg", "build", "--dir", three.toString(), "--store", directory.resolve("s3").toString())
        .exitCode()).isZero();

    String first = json(skopeo("inspect", "oci:" + directory.resolve("s1") + ":backend")).path("Digest").asText();
    String second = json(skopeo("inspect", "oci:" + directory.resolve("s2") + ":backend")).path("Digest").asText();
    String third = json(skopeo("inspect", "oci:" + directory.resolve("s3") + ":backend")).path("Digest").asText();
    assertThat(second).isEqualTo(first);
    assertThat(third).isNotEqualTo(first);
  }

  @Test
  void secondBuild_buildsNoStage_andWritesNoNewBlob() throws Exception {
    Path project = project("one", "puts 1");
    Path store = directory.resolve("store");
    dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());
    List<Path> blobs = blobs(store);

    Result second = dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("(0 of 3 stages built)", "(0 of 2 stages built)").doesNotContain("built stage");
    assertThat(blobs(store)).containsExactlyElementsOf(blobs);
  }

  @Test
  void fromAnImageAlreadyInTheStore_buildsOffline_withOwnerNamesFromItsPasswd() throws Exception {
    Path store = directory.resolve("store");
    Path baseProject = Files.createDirectories(directory.resolve("base"));
    Files.writeString(baseProject.resolve("dappfile.yaml"), """
        dimg: base
        from: scratch
        git:
        - add: /etc
          to: /etc
        docker:
          ENV: {PATH: /usr/bin}
        """);
    write(baseProject, "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1500:1600::/app:/bin/sh\n");
    assertThat(dapp("dimg", "build", "--dir", baseProject.toString(), "--store", store.toString()).exitCode()).isZero();
    skopeo("copy", "oci:" + store + ":base", "oci:" + store + ":registry.example.com/team/base:1");
    Path project = Files.createDirectories(directory.resolve("app"));
    Files.writeString(project.resolve("dappfile.yaml"), """
        from: registry.example.com/team/base:1
        git:
        - add: /
          to: /app
          includePaths: [app.rb]
          owner: app
        """);
    write(project, "app.rb", "puts 1");

    Result result = dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("from registry.example.com/team/base:1 (sha256:", "tagged 'nameless-dimg'");
    JsonNode image = json(skopeo("inspect", "oci:" + store + ":nameless-dimg"));
    assertThat(image.path("Layers")).hasSize(2);
    assertThat(image.path("Env").toString()).isEqualTo("[\"PATH=/usr/bin\"]");
    assertThat(layerListing(store, image.path("Layers").get(1).asText()))
        .containsExactly("app/ 40755 1500:1600 0", "app/app.rb 100644 1500:1600 0");
  }

  @Test
  void fromAnImageNotInTheStore_failsPlainly() throws Exception {
    Path project = Files.createDirectories(directory.resolve("app"));
    Files.writeString(project.resolve("dappfile.yaml"), "from: 127.0.0.1:9/library/alpine:3.19\n");

    Result result = dapp("dimg", "build", "--dir", project.toString(), "--store", directory.resolve("s").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("dapp: error: ").contains("127.0.0.1:9").doesNotContain("\n  at ");
  }

  @Test
  void bp_buildsThenFailsPlainlyAtAnUnreachablePush() throws Exception {
    Path project = project("one", "puts 1");
    Path store = directory.resolve("store");

    Result result = dapp("dimg", "bp", "--dir", project.toString(), "--store", store.toString(),
        "127.0.0.1:9/web/app");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("tagged 'backend'", "tagged 'frontend'");
    assertThat(result.err()).startsWith("dapp: error: ").contains("127.0.0.1:9").doesNotContain("\n  at ");
  }

  @Test
  void storeFromTheEnvironment_andQuiet() throws Exception {
    Path project = project("one", "puts 1");
    Path store = directory.resolve("from-env");
    environment.put("DAPP_STORE", store.toString());

    Result result = dapp("dimg", "build", "--dir", project.toString(), "--quiet", "frontend");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(json(skopeo("inspect", "oci:" + store + ":frontend")).path("Layers")).hasSize(1);
  }

  @Test
  void invalidPlatform_isAUsageError() throws Exception {
    Path project = project("one", "puts 1");

    Result result = dapp("dimg", "build", "--dir", project.toString(), "--platform", "amd64");

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
