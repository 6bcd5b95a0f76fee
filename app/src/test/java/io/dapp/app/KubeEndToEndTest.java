package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.helm.FakeHelm;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.tag.Slug;
import io.dapp.domain.tag.TagScheme;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dapp kube values} and {@code kube deploy} through the assembled CLI, as a GitLab job runs them:
 * the DEPLOY login (autologin with the job token) against a real Distribution registry with htpasswd,
 * images pushed beforehand under the names push gives them, and a fake helm on a PATH the test controls.
 */
class KubeEndToEndTest {

  private static final String JOB_TOKEN = "deploy-job-token-s3cret";
  private static final String BRANCH = "feature/Pay";
  private static final String TAG = Slug.of(BRANCH);

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("gitlab-ci-token", JOB_TOKEN));

  @TempDir
  Path root;

  private TestDapp dapp;
  private Repository repository;
  private TestProject project;
  private Path tmp;

  @BeforeEach
  void gitlabJob() throws Exception {
    repository = REGISTRY.newRepository();
    project = TestProject.at(root.resolve("shop"));
    dapp = TestDapp.in(root).env("PATH", root.resolve("bin") + ":/usr/bin:/bin")
        .gitlabJob(REGISTRY.host(), JOB_TOKEN).env("CI_COMMIT_REF_NAME", BRANCH);
    tmp = dapp.tmp();
  }

  private static final String TWO_DIMGS = "dimg: backend\nfrom: alpine\n---\ndimg: frontend\nfrom: node:20\n";

  @Test
  void values_ofNamedDimgs_areTheirImageNamesAndConfigDigests_asYaml() throws Exception {
    project.dappfile(TWO_DIMGS);
    Digest backend = push(Optional.of("backend"), TAG, TagScheme.GIT_BRANCH, 1);
    Digest frontend = push(Optional.of("frontend"), TAG, TagScheme.GIT_BRANCH, 2);

    InProcessDapp.Result result = dapp.run("kube", "values", repository.toString(), "--dir", project.toString(),
        "--tag-ci");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("""
        global:
          dapp:
            repo: "REPO"
            docker_tag: "TAG"
            is_nameless_dimg: false
            dimg:
              backend:
                docker_image: "REPO/backend:TAG"
                docker_image_id: "BACKEND"
              frontend:
                docker_image: "REPO/frontend:TAG"
                docker_image_id: "FRONTEND"
        """.replace("REPO", repository.toString()).replace("TAG", TAG)
        .replace("BACKEND", backend.toString()).replace("FRONTEND", frontend.toString()));
    assertThat(tmp).as("the temporary login config is gone").isEmptyDirectory();
  }

  @Test
  void values_ofTheNamelessDimg_sitUnderDimg_andPrintAsJson() throws Exception {
    project.dappfile("from: alpine\n");
    Digest image = push(Optional.empty(), "1.10", TagScheme.CUSTOM, 3);

    InProcessDapp.Result result = dapp.run("kube", "values", repository.toString(), "--dir", project.toString(),
        "--tag-plain", "1.10", "--json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualToIgnoringWhitespace("""
        {"global":{"dapp":{"repo":"REPO","docker_tag":"1.10","is_nameless_dimg":true,
        "dimg":{"docker_image":"REPO:1.10","docker_image_id":"ID"}}}}
        """.replace("REPO", repository.toString()).replace("ID", image.toString()));
  }

  @Test
  void aDimgWhoseTagIsMissing_isAnErrorNamingIt_andNothingIsPrinted() throws Exception {
    project.dappfile(TWO_DIMGS);
    push(Optional.of("backend"), TAG, TagScheme.GIT_BRANCH, 4);
    push(Optional.of("frontend"), "other-tag", TagScheme.CUSTOM, 5);

    InProcessDapp.Result result = dapp.run("kube", "values", repository.toString(), "--dir", project.toString(),
        "--tag-ci");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).singleElement().asString().isEqualTo("dapp: error: tag '" + TAG
        + "' is not in the registry for dimg 'frontend' (" + repository + "/frontend:" + TAG
        + "); push the dimgs with the same tag options first");
  }

  @Test
  void severalTagOptions_areRejected_forValues() throws Exception {
    project.dappfile(TWO_DIMGS);

    InProcessDapp.Result result = dapp.run("kube", "values", repository.toString(), "--dir", project.toString(),
        "--tag-ci", "--tag", "stable");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString()
        .isEqualTo("dapp: error: kube values reads one tag, but the tag options give 2: stable (custom), "
            + TAG + " (git_branch); give one tag option");
  }

  @Test
  void aProjectWithoutDappfile_isAOneLineError() {
    InProcessDapp.Result result = dapp.run("kube", "values", repository.toString(), "--dir", project.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString()
        .isEqualTo("dapp: error: no dappfile.yaml in " + project);
  }

  @Test
  void deploy_runsHelmUpgradeInstall_withTheValuesOfKubeValues_andTheLoginConfig() throws Exception {
    project.dappfile(TWO_DIMGS);
    push(Optional.of("backend"), TAG, TagScheme.GIT_BRANCH, 6);
    push(Optional.of("frontend"), TAG, TagScheme.GIT_BRANCH, 7);
    chart();
    FakeHelm helm = FakeHelm.installIn(root.resolve("bin"), root.resolve("helm-records"));
    dapp.env("CI_PROJECT_PATH_SLUG", "web-shop").env("CI_ENVIRONMENT_SLUG", "review");
    String values = dapp.run("kube", "values", repository.toString(), "--dir", project.toString(), "--tag-ci").out();

    InProcessDapp.Result result = dapp.run("kube", "deploy", repository.toString(), "--dir", project.toString(),
        "--tag-ci", "--namespace", "shop-review", "--set", "replicas=2", "--set", "ingress.host=shop.example.com",
        "--timeout", "2m");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Release has been upgraded. Happy Helming!\n");
    Path valuesFile = helm.valuesPath().orElseThrow();
    assertThat(helm.arguments()).containsExactly("upgrade", "--install", "web-shop-review",
        project.resolve(".helm").toString(), "--values", valuesFile.toString(), "--namespace", "shop-review",
        "--set", "replicas=2", "--set", "ingress.host=shop.example.com", "--timeout", "120s");
    assertThat(helm.values()).isEqualTo(values);
    assertThat(helm.valuesMode()).isEqualTo("600");
    assertThat(String.join(" ", helm.arguments()) + helm.values()).doesNotContain(JOB_TOKEN);
    Path dockerConfig = Path.of(helm.dockerConfig());
    assertThat(helm.dockerConfigExistedWhileRunning()).isTrue();
    assertThat(dockerConfig).as("the login's temporary config").hasParentRaw(tmp).doesNotExist();
    assertThat(valuesFile).doesNotExist();
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void deploy_withoutHelmOnPath_isAOneLineError_andRunsNothing() throws Exception {
    project.dappfile(TWO_DIMGS);
    chart();

    InProcessDapp.Result result = dapp.run("kube", "deploy", repository.toString(), "--dir", project.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().isEqualTo(
        "dapp: error: helm is not on PATH: dapp kube deploy runs helm 3 (https://helm.sh/docs/intro/install/)");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void deploy_ofAMissingTag_neverRunsHelm() throws Exception {
    project.dappfile(TWO_DIMGS);
    chart();
    FakeHelm helm = FakeHelm.installIn(root.resolve("bin"), root.resolve("helm-records"));

    InProcessDapp.Result result = dapp.run("kube", "deploy", repository.toString(), "--dir", project.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("dimg 'backend'", "dimg 'frontend'", ":latest");
    assertThat(helm.ran()).isFalse();
  }

  private void chart() throws Exception {
    project.file(".helm/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
  }

  /**
   * Pushes a small image as dapp push names it ({@code REPO/<dimg>:<tag>}, {@code REPO:<tag>} for the
   * nameless dimg): a config with dapp's labels, one gzip'ed layer, an OCI manifest. Returns the config digest.
   */
  private Digest push(Optional<String> dimg, String tag, TagScheme scheme, int seed) throws Exception {
    Repository target = dimg.map(name -> new Repository(repository.host(), repository.path() + "/" + name))
        .orElse(repository);
    return OneLayerImage.push(StaticDockerConfig.basic(REGISTRY.host(), "gitlab-ci-token", JOB_TOKEN),
        target.withTag(tag), "{\"Labels\":{\"dapp-dimg\":\"true\",\"dapp-tag-scheme\":\"" + scheme.label() + "\"}}",
        "layer " + seed);
  }
}
