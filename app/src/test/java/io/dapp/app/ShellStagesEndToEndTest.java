package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.model.Repository;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shell stages end to end, as a GitLab job runs them: a busybox base image in the registry (job-token
 * autologin), a dappfile with all four user stages and a git entry, {@code dimg bp} with the real runc or
 * chroot isolation, and then other tools read the result: buildah runs the image (files the commands made,
 * not those they deleted; the image's env and user) and skopeo inspects its layers and labels.
 */
class ShellStagesEndToEndTest {

  private static final String JOB_TOKEN = "shell-job-token-s3cret";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("gitlab-ci-token", JOB_TOKEN));

  private static Repository base;

  @TempDir
  Path root;

  private TestDapp dapp;
  private TestProject project;

  @BeforeAll
  static void baseImage() throws Exception {
    base = REGISTRY.newRepository();
    BusyboxImage.pushAsGitlabJob(REGISTRY.host(), JOB_TOKEN, base.withTag("1"));
  }

  @BeforeEach
  void gitlabJob() throws Exception {
    dapp = TestDapp.in(root).gitlabJob(REGISTRY.host(), JOB_TOKEN).env("CI_COMMIT_REF_NAME", "main").withSbinOnPath();
    project = TestProject.at(root.resolve("shop")).file("src/app.txt", "the app\n");
  }

  private String dappfile(String setup) {
    return """
        dimg: backend
        from: %s
        git:
        - add: /src
          to: /app
        shell:
          beforeInstall:
          - mkdir -p /opt/tools && echo 1.0 > /opt/tools/VERSION
          - echo 'app:x:1001:1001::/home/app:/bin/sh' >> /etc/passwd && mkdir -p /home/app
          - rm -rf /var
          install:
          - cd /app
          - cat app.txt > installed.txt && echo installing
          beforeSetup:
          - mkfifo /app/fifo && ln /app/installed.txt /app/installed-link
          setup:
          - %s
        docker:
          ENV: {GREETING: hello}
          USER: app
          WORKDIR: /app
          CMD: [/bin/sh]
        """.formatted(base.withTag("1"), setup);
  }

  private InProcessDapp.Result bp(Repository repository, String isolation, String setup) throws Exception {
    project.dappfile(dappfile(setup)).commit("shop", "ci");
    return dapp.run("dimg", "bp", "--dir", project.toString(), "--store", root.resolve("store").toString(),
        "--isolation", isolation, "--tag-plain", "1", repository.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"oci", "chroot"})
  void bp_runsEveryStage_andBuildahRunsTheImage_seeingWhatTheCommandsMadeAndNotWhatTheyDeleted(String isolation)
      throws Exception {
    Repository repository = REGISTRY.newRepository();

    InProcessDapp.Result result = bp(repository, isolation, "echo built > /app/built.txt && echo setting up");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("backend/install | installing", "backend/setup | setting up",
        "backend: before_install (3 commands): built stage", "backend: setup (1 command): built stage",
        "(10 of 10 stages built)", repository + "/backend:1: pushed sha256:");
    assertThat(result.out() + result.err()).doesNotContain(JOB_TOKEN);

    Buildah buildah = new Buildah(root.resolve("buildah"));
    String container = buildah.from(repository + "/backend:1", "gitlab-ci-token", JOB_TOKEN);
    assertThat(buildah.runIn(container, "cat", "/app/built.txt", "/app/installed.txt", "/opt/tools/VERSION"))
        .isEqualTo("built\nthe app\n1.0\n");
    assertThat(buildah.runIn(container, "sh", "-c", "ls -d /var 2>&1 || echo gone")).endsWith("gone\n");
    assertThat(buildah.runIn(container, "sh", "-c", "id -u; echo $GREETING; pwd; test -p /app/fifo && echo fifo;"
        + " stat -c %h /app/installed-link; grep -c '^app:' /etc/passwd"))
        .isEqualTo("1001\nhello\n/app\nfifo\n2\n1\n");

    JsonNode image = Skopeo.json("inspect", "--tls-verify=false", "--creds", "gitlab-ci-token:" + JOB_TOKEN,
        "docker://" + repository + "/backend:1");
    // The base's layer, then one per stage that adds one: before_install, the git archive, install,
    // before_setup, setup (the git patches before install and setup are empty: nothing changed since).
    assertThat(image.path("Layers")).hasSize(6);
    assertThat(image.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
    // The runtime's mounts are never part of a layer: no resolv.conf or hosts copy, nothing under /proc or /dev.
    for (JsonNode layer : image.path("Layers")) {
      assertThat(StoreLayers.entries(root.resolve("store"), layer.asText()))
          .noneMatch(path -> path.matches("(\\./)?(proc|sys|dev)(/.*)?|(\\./)?etc/(resolv\\.conf|hosts)"));
    }
  }

  @Test
  void aCachedRebuild_buildsNothing_andAChangedSetupCommand_rebuildsSetupOnly() throws Exception {
    Repository repository = REGISTRY.newRepository();
    assertThat(bp(repository, "oci", "echo one > /app/built.txt").exitCode()).isZero();

    InProcessDapp.Result cached = bp(repository, "oci", "echo one > /app/built.txt");
    assertThat(cached.out()).contains("(0 of 10 stages built)").doesNotContain("backend/");

    InProcessDapp.Result changed = bp(repository, "oci", "echo two > /app/built.txt");
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.out()).contains("backend: install (2 commands): using cached stage",
        "backend: before_setup (1 command): using cached stage", "backend: setup (1 command): built stage",
        "(3 of 10 stages built)");
  }

  @Test
  void aFailingCommand_failsInOneLine_keepsTheStagesBeforeIt_andStoresNothingOfItsOwn() throws Exception {
    Repository repository = REGISTRY.newRepository();

    InProcessDapp.Result failed = bp(repository, "oci", "echo about to fail && ls /nonexistent");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(
        "dapp: error: dimg 'backend': stage setup: command 1 of 1 'echo about to fail && ls /nonexistent' failed "
            + "with exit status 1");
    assertThat(failed.out()).contains("backend/setup | about to fail", "backend/setup | ls: /nonexistent: No such file");

    InProcessDapp.Result fixed = bp(repository, "oci", "echo fixed");
    assertThat(fixed.out()).contains("backend: before_setup (1 command): using cached stage", "(3 of 10 stages built)");
  }

  @Test
  void twoRunnersBuildingOneSignature_theRegistryKeepsTheFirstStage_andAThirdRunnerContinuesFromIt()
      throws Exception {
    Repository repository = REGISTRY.newRepository();
    project.dappfile("dimg: stamp\nfrom: " + base.withTag("1") + "\nshell:\n  install:\n  - head -c 16 /dev/urandom > /stamp\n")
        .commit("stamp", "ci");
    Path first = root.resolve("runner-1");
    Path second = root.resolve("runner-2");
    String[] build = {"dimg", "build", "--dir", project.toString(), "--store"};

    assertThat(dapp.run(concat(build, first.toString())).exitCode()).isZero();
    assertThat(dapp.run(concat(build, second.toString())).exitCode()).isZero();
    InProcessDapp.Result firstPush = dapp.run("dimg", "stages", "push", "--dir", project.toString(), "--store",
        first.toString(), repository.toString());
    InProcessDapp.Result secondPush = dapp.run("dimg", "stages", "push", "--dir", project.toString(), "--store",
        second.toString(), repository.toString());

    assertThat(firstPush.exitCode()).as(firstPush.err()).isZero();
    assertThat(secondPush.exitCode()).as(secondPush.err()).isZero();
    String installTag = "dimgstage-" + Skopeo.json("inspect", "--config", "oci:" + first + ":stamp")
        .path("config").path("Labels").path("dapp").asText();
    String firstDigest = Skopeo.json("inspect", "oci:" + first + ":" + installTag).path("Digest").asText();
    String secondDigest = Skopeo.json("inspect", "oci:" + second + ":" + installTag).path("Digest").asText();
    assertThat(secondDigest).as("the two runners' stages differ").isNotEqualTo(firstDigest);
    assertThat(secondPush.out()).contains(repository + ":" + installTag + ": kept the registry's stage " + firstDigest
        + ", pushed by another build first");
    assertThat(Skopeo.json("inspect", "--tls-verify=false", "--creds", "gitlab-ci-token:" + JOB_TOKEN,
        "docker://" + repository + ":" + installTag).path("Digest").asText()).isEqualTo(firstDigest);

    Path third = root.resolve("runner-3");
    assertThat(dapp.run("dimg", "stages", "pull", "--dir", project.toString(), "--store", third.toString(),
        repository.toString()).exitCode()).isZero();
    InProcessDapp.Result thirdBuild = dapp.run(concat(build, third.toString()));
    assertThat(thirdBuild.out()).contains("(0 of 2 stages built)");
    assertThat(Skopeo.json("inspect", "oci:" + third + ":" + installTag).path("Digest").asText())
        .isEqualTo(firstDigest);
  }

  @Test
  void withSourceDateEpoch_twoBuildsOfDeterministicCommands_giveTheSameDigest_withoutTheyDoNot() throws Exception {
    project.dappfile("dimg: same\nfrom: " + base.withTag("1") + "\nshell:\n  install:\n"
        + "  - mkdir -p /srv/www && echo hello > /srv/www/index.html && ln -s index.html /srv/www/home.html\n")
        .commit("same", "ci");
    String[] build = {"dimg", "build", "--dir", project.toString(), "--store"};

    dapp.env("SOURCE_DATE_EPOCH", "1700000000");
    assertThat(dapp.run(concat(build, root.resolve("sde-1").toString())).exitCode()).isZero();
    Thread.sleep(1_100); // another second: every mtime the commands leave differs
    assertThat(dapp.run(concat(build, root.resolve("sde-2").toString())).exitCode()).isZero();
    dapp.env("SOURCE_DATE_EPOCH", null);
    assertThat(dapp.run(concat(build, root.resolve("now-1").toString())).exitCode()).isZero();
    Thread.sleep(1_100);
    assertThat(dapp.run(concat(build, root.resolve("now-2").toString())).exitCode()).isZero();

    assertThat(digest("sde-1")).isEqualTo(digest("sde-2"));
    assertThat(digest("now-1")).isNotEqualTo(digest("now-2"));
  }

  private String digest(String store) throws Exception {
    return Skopeo.json("inspect", "oci:" + root.resolve(store) + ":same").path("Digest").asText();
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
