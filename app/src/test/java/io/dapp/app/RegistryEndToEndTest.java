package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.model.Repository;
import java.nio.file.Path;
import java.util.Map;
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

  private TestDapp dapp;
  private Repository base;
  private TestProject project;

  @BeforeEach
  void gitlabJob() throws Exception {
    base = REGISTRY.newRepository();
    project = TestProject.at(root.resolve("shop")).file("src/app.rb", "puts 1");
    dapp = TestDapp.in(root).gitlabJob(REGISTRY.host(), JOB_TOKEN).env("CI_COMMIT_REF_NAME", "main");
    // A one-layer linux/amd64 base image, pushed as a pipeline that built it would have.
    OneLayerImage.push(StaticDockerConfig.basic(REGISTRY.host(), "gitlab-ci-token", JOB_TOKEN), base.withTag("1"),
        "{\"Env\":[\"PATH=/usr/bin\"]}", "base layer");
  }

  private void commitProject(String dappfile) throws Exception {
    project.dappfile(dappfile).commit("shop", "ci");
  }

  @Test
  void build_fromABaseInTheRegistry_pullsItWithTheJobToken() throws Exception {
    commitProject("dimg: app\nfrom: " + base.withTag("1") + "\ngit:\n- add: /src\n  to: /app\n");
    Path store = root.resolve("store");

    InProcessDapp.Result result = dapp.run("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("app: from " + base.withTag("1") + " (sha256:", "(2 of 2 stages built)");
    assertThat(result.out() + result.err()).doesNotContain(JOB_TOKEN);

    InProcessDapp.Result again = dapp.run("dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(again.out()).contains("(0 of 2 stages built)");
  }

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void bp_pushesTwoDimgsWithTwoTagSchemes_thenStagesGoThroughTheRegistryToASecondRunner() throws Exception {
    dapp.env("CI_COMMIT_SHA", COMMIT);
    project.file("web/index.html", "<html/>");
    commitProject("dimg: backend\nfrom: " + base.withTag("1") + "\ngit:\n- add: /src\n  to: /app\n"
        + "docker:\n  LABEL: {team: shop}\n---\n"
        + "dimg: frontend\nfrom: " + base.withTag("1") + "\ngit:\n- add: /web\n  to: /srv\n");
    Repository repository = REGISTRY.newRepository();
    Path store = root.resolve("store");

    InProcessDapp.Result bp = dapp.run("dimg", "bp", "--dir", project.toString(), "--store", store.toString(),
        "--tag-ci", "--tag-commit", repository.toString());

    assertThat(bp.exitCode()).as(bp.err()).isZero();
    assertThat(bp.out()).contains(repository + "/backend:main: pushed sha256:", repository + "/backend:" + COMMIT
        + ": pushed sha256:", repository + "/frontend:main: pushed sha256:", ": layer sha256:")
        .contains(" mounted").doesNotContain(JOB_TOKEN);
    String creds = "gitlab-ci-token:" + JOB_TOKEN;
    JsonNode branchImage = Skopeo.json("inspect", "--tls-verify=false", "--creds", creds,
        "docker://" + repository + "/backend:main");
    assertThat(branchImage.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
    assertThat(branchImage.path("Labels").path("dapp-tag-scheme").asText()).isEqualTo("git_branch");
    assertThat(branchImage.path("Labels").path("dapp-dimg-name").asText()).isEqualTo("backend");
    assertThat(branchImage.path("Labels").path("team").asText()).isEqualTo("shop");
    assertThat(branchImage.path("Layers")).hasSize(2);
    JsonNode commitImage = Skopeo.json("inspect", "--tls-verify=false", "--creds", creds,
        "docker://" + repository + "/backend:" + COMMIT);
    assertThat(commitImage.path("Labels").path("dapp-tag-scheme").asText()).isEqualTo("git_commit");
    assertThat(commitImage.path("Layers")).isEqualTo(branchImage.path("Layers"));

    InProcessDapp.Result again = dapp.run("dimg", "push", "--dir", project.toString(), "--store", store.toString(),
        "--tag-ci", repository.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains(repository + "/backend:main: up to date", "already present")
        .doesNotContain(": pushed");

    InProcessDapp.Result stagesPush = dapp.run("dimg", "stages", "push", "--dir", project.toString(), "--store",
        store.toString(), repository.toString());
    assertThat(stagesPush.exitCode()).as(stagesPush.err()).isZero();
    assertThat(stagesPush.out()).contains(repository + ":dimgstage-");
    String stageTag = "dimgstage-" + branchImage.path("Labels").path("dapp-stage-signature").asText();
    JsonNode stage = Skopeo.json("inspect", "--tls-verify=false", "--creds", creds, "docker://" + repository + ":"
        + stageTag);
    assertThat(stage.path("Labels").path("dapp-dimg").asText()).isEqualTo("false");
    assertThat(stage.path("Labels").path("dapp-parent-stage-signature").asText()).isNotEmpty();

    Path secondRunner = root.resolve("second-runner-store");
    InProcessDapp.Result pull = dapp.run("dimg", "stages", "pull", "--dir", project.toString(), "--store",
        secondRunner.toString(), repository.toString());
    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.out()).contains("backend: docker: pulled stage", "frontend: git archive /web -> /srv: pulled stage");
    InProcessDapp.Result rebuild = dapp.run("dimg", "build", "--dir", project.toString(), "--store",
        secondRunner.toString());
    assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    assertThat(rebuild.out()).contains("backend: image", "(0 of 3 stages built)", "(0 of 2 stages built)")
        .doesNotContain("built stage");
  }

}
