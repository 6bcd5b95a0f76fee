package io.dapp.adapters.env.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.deploy.HelmRelease;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmDeployerTest {

  private static final Map<String, Object> VALUES =
      Map.of("global", Map.of("dapp", Map.of("docker_tag", "1.10")));
  private static final HelmRelease RELEASE = new HelmRelease("shop-review", "/project/.helm", Optional.of("review"),
      List.of("replicas=2", "ingress.host=shop.example.com"), Optional.of(Duration.ofSeconds(90)));

  @TempDir
  Path root;

  private final List<String> printed = new ArrayList<>();
  private final Console console = new Console() {
    @Override
    public void info(String line) {
      printed.add(line);
    }

    @Override
    public void warn(String line) {}

    @Override
    public void debug(String line) {}
  };

  private HelmDeployer deployer(Path bin) {
    Map<String, String> environment = Map.of("PATH", bin + ":/usr/bin:/bin", "TMPDIR", tmp().toString(),
        "KUBECONFIG", "/home/ci/.kube/config");
    return new HelmDeployer(new SystemEnvironment(environment), new SystemProcessRunner(), new JacksonValuesRenderer());
  }

  private Path tmp() {
    return root.resolve("tmp");
  }

  private Path dockerConfig() throws Exception {
    return Files.createDirectories(root.resolve("docker-config"));
  }

  @Test
  void deploy_runsUpgradeInstall_withRelease_chart_valuesFile_namespace_sets_andTimeout() throws Exception {
    Files.createDirectories(tmp());
    FakeHelm helm = FakeHelm.installIn(root.resolve("bin"), root.resolve("records"));

    deployer(root.resolve("bin")).deploy(RELEASE, VALUES, dockerConfig(), console);

    Path valuesFile = helm.valuesPath().orElseThrow();
    assertThat(helm.arguments()).containsExactly("upgrade", "--install", "shop-review", "/project/.helm",
        "--values", valuesFile.toString(), "--namespace", "review", "--set", "replicas=2",
        "--set", "ingress.host=shop.example.com", "--timeout", "90s");
  }

  @Test
  void deploy_givesHelmAPrivateValuesFile_andRemovesItAfterwards() throws Exception {
    Files.createDirectories(tmp());
    FakeHelm helm = FakeHelm.installIn(root.resolve("bin"), root.resolve("records"));

    deployer(root.resolve("bin")).deploy(RELEASE, VALUES, dockerConfig(), console);

    assertThat(helm.values()).isEqualTo("""
        global:
          dapp:
            docker_tag: "1.10"
        """);
    assertThat(helm.valuesMode()).isEqualTo("600");
    assertThat(helm.valuesPath().orElseThrow()).hasParentRaw(tmp()).doesNotExist();
    assertThat(tmp()).isEmptyDirectory();
  }

  @Test
  void deploy_runsHelmWithDockerConfig_andTheRestOfDappsEnvironment() throws Exception {
    Files.createDirectories(tmp());
    FakeHelm helm = FakeHelm.installIn(root.resolve("bin"), root.resolve("records"));
    Path dockerConfig = dockerConfig();

    deployer(root.resolve("bin")).deploy(RELEASE, VALUES, dockerConfig, console);

    assertThat(helm.dockerConfig()).isEqualTo(dockerConfig.toString());
    assertThat(helm.dockerConfigExistedWhileRunning()).isTrue();
    assertThat(printed).containsExactly("Release has been upgraded. Happy Helming!");
  }

  @Test
  void failingHelm_isAOneLineError_withItsExitStatusAndStandardError() throws Exception {
    Files.createDirectories(tmp());
    FakeHelm.installIn(root.resolve("bin"), root.resolve("records"), 1,
        "Error: UPGRADE FAILED: another operation is in progress\\nsecond line\\n");

    assertThatThrownBy(() -> deployer(root.resolve("bin")).deploy(RELEASE, VALUES, dockerConfig(), console))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("helm upgrade --install shop-review failed (exit status 1): "
            + "Error: UPGRADE FAILED: another operation is in progress | second line");
    assertThat(tmp()).isEmptyDirectory();
  }

  @Test
  void helmMissingFromPath_isReportedBeforeAnything_asBadInput() throws Exception {
    Path emptyBin = Files.createDirectories(root.resolve("empty-bin"));

    assertThatThrownBy(() -> deployer(emptyBin).checkAvailable())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("helm is not on PATH: dapp kube deploy runs helm 3 (https://helm.sh/docs/intro/install/)");
  }
}
