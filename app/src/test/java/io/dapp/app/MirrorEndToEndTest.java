package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.ClosedPort;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.testing.HostileInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Docker Hub mirror, as a company runs one to dodge Docker Hub's rate limits: a real Distribution registry
 * seeded by skopeo with {@code library/<name>}, named with {@code --registry-mirror} or
 * {@code $DAPP_REGISTRY_MIRROR}. Docker Hub itself is unreachable for dapp (its {@code HTTPS_PROXY} is a port where
 * nothing listens, and the loopback mirror never goes through a proxy), so what is built came from the mirror, and
 * no test talks to the internet.
 */
class MirrorEndToEndTest {

  private static final String BASE = "dapp-mirror-base";

  @RegisterExtension
  static final DistributionRegistry MIRROR = DistributionRegistry.anonymous().withAccessLog();

  @TempDir
  static Path shared;
  private static Path project;
  private static ClosedPort closed;
  private static int nothingListens;

  @TempDir
  Path run;

  private final Map<String, String> environment = new HashMap<>();

  @BeforeAll
  static void seedTheMirror() throws Exception {
    ImageReference staging = ImageReference.parse(MIRROR.host() + "/staging/base:1");
    OneLayerImage.push(StaticDockerConfig.anonymous(), staging, "{\"Env\":[\"FROM=mirror\"]}", "from the mirror\n");
    Skopeo.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "docker://" + staging,
        "docker://" + MIRROR.host() + "/library/" + BASE + ":1");
    project = TestProject.at(shared.resolve("project")).dappfile("from: " + BASE + ":1\n").directory();
    closed = new ClosedPort();
    nothingListens = closed.port();
  }

  @AfterAll
  static void freeThePort() throws Exception {
    closed.close();
  }

  @BeforeEach
  void aJobWithoutDockerHub() throws Exception {
    environment.put("HOME", Files.createDirectories(run.resolve("home")).toString());
    environment.put("TMPDIR", Files.createDirectories(run.resolve("tmp")).toString());
    environment.put("HTTPS_PROXY", "http://127.0.0.1:" + nothingListens);
  }

  @Test
  void aDockerHubBaseImage_isBuiltFromTheMirror_andStoredUnderItsDockerHubName() throws Exception {
    Path store = run.resolve("store");

    InProcessDapp.Result build = WholeDappComponent.run(environment, "dimg", "build", "--dir", project.toString(),
        "--store", store.toString(), "--registry-mirror", "http://" + MIRROR.host(), "--debug");

    assertThat(build.exitCode()).as(build.all()).isZero();
    assertThat(build.err()).contains("dapp: debug: base images of docker.io: from the mirror(s) http://"
        + MIRROR.host() + " in order, then from docker.io")
        .contains("dapp: debug: base image docker.io/library/" + BASE + ":1: from the mirror http://" + MIRROR.host());
    assertThat(Skopeo.json("inspect", "--config", "oci:" + store + ":docker.io/library/" + BASE + ":1")
        .path("config").path("Env").toString()).contains("FROM=mirror");
    assertThat(MIRROR.log()).contains("\"GET /v2/library/" + BASE + "/manifests/1 ");
  }

  @Test
  void withTheMirrorDown_theErrorNamesTheMirrorAndDockerHub_inOneLine() throws Exception {
    environment.put("DAPP_REGISTRY_MIRROR", "http://127.0.0.1:" + nothingListens);

    InProcessDapp.Result build = WholeDappComponent.run(environment, "dimg", "build", "--dir", project.toString(),
        "--store", run.resolve("store").toString());

    assertThat(build.exitCode()).isEqualTo(1);
    String error = build.err().strip();
    HostileInput.assertOneLine(error);
    assertThat(error).startsWith("dapp: error: pull base image docker.io/library/" + BASE + ":1: no source had it: "
        + "the mirror http://127.0.0.1:" + nothingListens + ": reach registry 127.0.0.1:" + nothingListens
        + ": connection refused")
        .endsWith("; Docker Hub: reach registry docker.io: the proxy http://127.0.0.1:" + nothingListens
            + " ($HTTPS_PROXY) could not be reached: connection refused");
  }

  @Test
  void aPush_neverGoesToTheMirror_andLoginPlanShowsItForTheBuildOnly() throws Exception {
    environment.put("DAPP_REGISTRY_MIRROR", "http://" + MIRROR.host());
    String before = MIRROR.log();

    InProcessDapp.Result plan = WholeDappComponent.run(environment, "registry", "login-plan", "dimg", "bp",
        "--dir", project.toString(), "docker.io/someone/app");
    InProcessDapp.Result bp = WholeDappComponent.run(environment, "dimg", "bp", "--dir", project.toString(),
        "--store", run.resolve("store").toString(), "--tag-plain", "1", "docker.io/someone/app");

    assertThat(plan.out()).contains("build phase\n  registries: " + MIRROR.host() + " (mirror of docker.io), docker.io\n")
        .contains("push phase\n  registries: docker.io\n");
    assertThat(bp.exitCode()).isEqualTo(1);
    assertThat(bp.err()).startsWith("dapp: error: reach registry docker.io: ").doesNotContain("mirror");
    String during = MIRROR.log().substring(before.length());
    assertThat(during).contains("\"GET /v2/library/" + BASE + "/manifests/1 ")
        .doesNotContain("\"POST ").doesNotContain("\"PUT ").doesNotContain("\"PATCH ").doesNotContain("someone");
  }
}
