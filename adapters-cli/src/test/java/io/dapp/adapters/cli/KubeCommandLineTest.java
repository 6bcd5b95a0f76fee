package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.deploy.DeployOptions;
import io.dapp.domain.deploy.ValuesOptions;
import io.dapp.domain.deploy.ValuesRenderer;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.usecase.CommandOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeCommandLineTest {

  private final CommandLineHarness dapp = new CommandLineHarness();

  private CommandOptions options() {
    return dapp.invocations.get(0).commandOptions();
  }

  private CommandOptions lastOptions() {
    return dapp.invocations.get(dapp.invocations.size() - 1).commandOptions();
  }

  @Test
  void values_withoutOptions_isYaml_withNoTagOption() {
    assertThat(dapp.run("kube", "values", "r.io/web/shop")).isZero();

    assertThat(options().find(TagOptions.class)).contains(TagOptions.none());
    assertThat(options().find(ValuesOptions.class)).contains(ValuesOptions.defaults());
  }

  @Test
  void values_passesEveryTagOption_andJson() {
    assertThat(dapp.run("kube", "values", "r.io/web/shop", "--tag", "Release 1", "--tag-slug", "b",
        "--tag-plain", "C", "--tag-branch", "--tag-commit", "--tag-build-id", "--tag-ci", "--json")).isZero();

    assertThat(options().find(TagOptions.class))
        .contains(new TagOptions(List.of("Release 1", "b"), List.of("C"), true, true, true, true));
    assertThat(options().find(ValuesOptions.class)).contains(new ValuesOptions(ValuesRenderer.Syntax.JSON));
  }

  @Test
  void deploy_passesReleaseNamespaceChartSetsAndTimeout() {
    assertThat(dapp.run("kube", "deploy", "r.io/web/shop", "--release", "shop-review", "--namespace", "review",
        "--chart", "charts/shop", "--set", "a=1", "--set", "b.c=x,y", "--timeout", "1h30m", "--tag-ci")).isZero();

    assertThat(options().find(DeployOptions.class)).contains(new DeployOptions(Optional.of("shop-review"),
        Optional.of("review"), Optional.of("charts/shop"), List.of("a=1", "b.c=x,y"),
        Optional.of(Duration.ofMinutes(90))));
    assertThat(options().find(TagOptions.class).orElseThrow().ci()).isTrue();
  }

  @ParameterizedTest(name = "--timeout {0}")
  @CsvSource({"300, 300", "90s, 90", "5m, 300", "1h, 3600", "2m30s, 150"})
  void deploy_timeout_takesSecondsOrHelmDurations(String text, long seconds) {
    assertThat(dapp.run("kube", "deploy", "r.io/web/shop", "--timeout", text)).isZero();

    assertThat(options().find(DeployOptions.class).orElseThrow().timeout()).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "--timeout {0}")
  @CsvSource({"5 minutes", "1.5m", "m", "-3"})
  void deploy_timeout_thatIsNoDuration_isAUsageError(String text) {
    assertThat(dapp.run("kube", "deploy", "r.io/web/shop", "--timeout", text)).isEqualTo(2);

    assertThat(dapp.invocations).isEmpty();
    assertThat(dapp.err).contains("is not a duration");
  }

  @Test
  void cleaningCommands_carryTheirCleanupOptionsButNoTagOptions() {
    assertThat(dapp.run("dimg", "stages", "flush", "repo", "r.io/web/shop")).isZero();

    assertThat(options().find(io.dapp.domain.cleanup.CleanupOptions.class)).isPresent();
    assertThat(options().find(io.dapp.domain.tag.TagOptions.class)).isEmpty();
    assertThat(options()).isNotEqualTo(CommandOptions.none());
  }

  @Test
  void pushCommands_takeTagAndStoreOptions_stagesPullItsAll() {
    assertThat(dapp.run("dimg", "push", "backend", "r.io/web/shop", "--tag-ci", "--store", "/tmp/s", "-q")).isZero();
    assertThat(lastOptions().find(io.dapp.domain.tag.TagOptions.class).orElseThrow().ci()).isTrue();
    assertThat(lastOptions().find(io.dapp.domain.usecase.BuildOptions.class).orElseThrow().store())
        .contains(java.nio.file.Path.of("/tmp/s"));

    assertThat(dapp.run("dimg", "spush", "r.io/web/shop", "--tag-commit")).isZero();
    assertThat(lastOptions().find(io.dapp.domain.tag.TagOptions.class).orElseThrow().commit()).isTrue();

    assertThat(dapp.run("dimg", "stages", "pull", "r.io/web/shop", "--all")).isZero();
    assertThat(lastOptions().find(io.dapp.domain.push.StagesPullOptions.class).orElseThrow().all()).isTrue();
  }
}
