package io.dapp.domain.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.registry.InMemoryRegistryClientFactory;
import io.dapp.domain.tag.TagResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubeDeployWorkReleaseTest {

  @TempDir
  Path root;

  private Path project;

  @BeforeEach
  void projectWithChart() throws Exception {
    project = Files.createDirectories(root.resolve("My Shop"));
    Files.createDirectories(project.resolve(".helm"));
    Files.writeString(project.resolve(".helm/Chart.yaml"), "name: shop\n");
  }

  private static KubeDeployWork work(Map<String, String> variables) {
    Deployer unused = new Deployer() {
      @Override
      public void checkAvailable() {}

      @Override
      public void deploy(HelmRelease release, Map<String, Object> values, Path dockerConfig, Console console) {}
    };
    return new KubeDeployWork(new TagResolver(() -> variables, directory -> Optional.empty()),
        new DeployValuesReader(directory -> new io.dapp.domain.dappfile.Dappfile("dappfile.yaml", List.of(
            new io.dapp.domain.dappfile.Dimg(Optional.empty(), io.dapp.domain.dappfile.BaseImage.SCRATCH, List.of(),
                io.dapp.domain.dappfile.DockerInstructions.NONE)), List.of()),
            new InMemoryRegistryClientFactory(), new io.dapp.domain.testing.JsonTextManifestReader() {
              @Override
              public io.dapp.domain.model.Digest configDigest(io.dapp.domain.registry.Manifest manifest) {
                return manifest.digest();
              }
            }), unused, () -> variables);
  }

  private static DeployOptions release(String name) {
    return new DeployOptions(Optional.of(name), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
  }

  static Stream<Arguments> defaultNames() {
    return Stream.of(
        Arguments.of(Map.of("CI_PROJECT_PATH_SLUG", "web-shop", "CI_ENVIRONMENT_SLUG", "review-feat-x"),
            "web-shop-review-feat-x"),
        Arguments.of(Map.of("CI_PROJECT_PATH_SLUG", "web-shop"), "web-shop"),
        Arguments.of(Map.of(), "my-shop-" + io.dapp.domain.tag.Slug.of("My Shop").substring(8)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("defaultNames")
  void defaultRelease_comesFromGitlabVariables_elseTheProjectDirectory(Map<String, String> variables, String name)
      throws Exception {
    HelmRelease release = work(variables).release(DeployOptions.defaults(), project);

    assertThat(release.name()).isEqualTo(name);
    assertThat(release.chart()).isEqualTo(project.resolve(".helm").toString());
  }

  @Test
  void givenOptions_areTakenAsTheyAre() throws Exception {
    DeployOptions options = new DeployOptions(Optional.of("shop.v2"), Optional.of("prod"), Optional.of("oci://r.io/c"),
        List.of("a=1", "b="), Optional.of(Duration.ofMinutes(3)));

    assertThat(work(Map.of()).release(options, project)).isEqualTo(new HelmRelease("shop.v2", "oci://r.io/c",
        Optional.of("prod"), List.of("a=1", "b="), Optional.of(Duration.ofMinutes(3))));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(release("Shop"), "--release 'Shop' is not a Helm release name"),
        Arguments.of(release("a".repeat(54)), "is not a Helm release name"),
        Arguments.of(new DeployOptions(Optional.empty(), Optional.of("Prod_1"), Optional.empty(), List.of(),
            Optional.empty()), "--namespace 'Prod_1' is not a Kubernetes namespace"),
        Arguments.of(new DeployOptions(Optional.empty(), Optional.empty(), Optional.empty(), List.of("novalue"),
            Optional.empty()), "--set 'novalue': expected key=value"),
        Arguments.of(new DeployOptions(Optional.empty(), Optional.empty(), Optional.empty(), List.of("=1"),
            Optional.empty()), "--set '=1': expected key=value"),
        Arguments.of(new DeployOptions(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
            Optional.of(Duration.ZERO)), "--timeout must be positive"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void invalidOptions_areBadInput(DeployOptions options, String message) {
    assertThatThrownBy(() -> work(Map.of()).release(options, project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aProjectWithoutChart_andNoChartOption_isBadInput() throws Exception {
    Path bare = Files.createDirectories(root.resolve("bare"));

    assertThatThrownBy(() -> work(Map.of()).release(DeployOptions.defaults(), bare))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("no Helm chart in " + bare.resolve(".helm") + " (Chart.yaml is missing); "
            + "write one there or name one with --chart");
  }
}
