package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.ScriptedStageRunners;
import io.dapp.domain.testing.ScriptedStageRunners.Outcome;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.ShellRunOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shell stages in a build: their place in the stage order, signatures, caching, failures and output. */
class ShellStagesBuildTest {

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final InMemoryProject project = new InMemoryProject().file("src/app.js", "console.log(1)");
  private final TextLayerArchiver archiver = new TextLayerArchiver();
  private final ScriptedStageRunners runners = new ScriptedStageRunners();
  private final RecordingConsole console = new RecordingConsole();
  private final Map<String, String> environment = new HashMap<>();
  private ShellRunOptions shellOptions = ShellRunOptions.DEFAULT;
  private Dappfile dappfile;

  private BuildWork work() {
    return new BuildWork(directory -> dappfile, project, location -> store, new DimgBuilder(
        (image, platform, config, registryOptions, target, progress) -> {
          throw new OperationFailedException("no registry in this test");
        },
        archiver, (layers, path, target) -> Optional.empty(), archiver, new ShellStagePorts(runners, runners, runners)), () -> environment);
  }

  private BuiltDimg build(Dimg dimg) throws Exception {
    dappfile = new Dappfile("dappfile.yaml", List.of(dimg), List.of());
    CommandInvocation invocation = new CommandInvocation(DappCommand.DIMG_BUILD, Optional.empty(), List.of(),
        Path.of("/project"), new LoginOptions(Optional.empty(), Optional.empty()))
        .withCommandOptions(CommandOptions.of(new BuildOptions(Optional.empty(), Platform.LINUX_AMD64, shellOptions)));
    return work().build(invocation, EmptyDockerConfig.at("/docker-config"), console).get(0);
  }

  private static Dimg dimg(ShellStages shell, List<GitMapping> git, DockerInstructions docker) {
    return new Dimg(Optional.of("backend"), BaseImage.SCRATCH, git, shell, docker);
  }

  private static ShellStages shell(List<String> beforeInstall, List<String> install, List<String> beforeSetup,
      List<String> setup, Optional<String> cacheVersion, Map<UserStage, String> stageVersions) {
    Map<UserStage, List<String>> commands = new EnumMap<>(UserStage.class);
    commands.put(UserStage.BEFORE_INSTALL, beforeInstall);
    commands.put(UserStage.INSTALL, install);
    commands.put(UserStage.BEFORE_SETUP, beforeSetup);
    commands.put(UserStage.SETUP, setup);
    return new ShellStages(commands, cacheVersion, stageVersions);
  }

  private static ShellStages all(String setupCommand) {
    return shell(List.of("apk add nodejs"), List.of("cd /app && npm ci"), List.of("echo before"),
        List.of(setupCommand), Optional.empty(), Map.of());
  }

  private static final List<GitMapping> GIT = List.of(
      new GitMapping("/src", "/app", List.of(), List.of(), Optional.empty(), Optional.empty()));

  private static final DockerInstructions DOCKER = new DockerInstructions(Optional.of("/app"), Optional.of("app"),
      Map.of(), Map.of(), List.of(), List.of(), Optional.empty(), Optional.of(List.of("node", "server.js")));

  private static LayerEntry file(String path, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return LayerEntry.file(path, false, 0, 0, bytes.length, () -> new ByteArrayInputStream(bytes))
        .withMtime(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void stagesRunInTheOriginalsOrder_andAnEmptyStageIsNoStage() throws Exception {
    BuiltDimg built = build(dimg(shell(List.of("apk add nodejs"), List.of("cd /app && npm ci"), List.of(),
        List.of("npm run build"), Optional.empty(), Map.of()), GIT, DOCKER));

    assertThat(built.stages()).extracting(Stage::description).containsExactly("from scratch",
        "before_install (1 command)", "git archive /src -> /app", "git patch before install",
        "install (1 command)", "git patch before setup", "setup (1 command)", "docker");
    assertThat(runners.runs).extracting(run -> ScriptedStageRunners.scriptOf(run.process()))
        .satisfiesExactly(
            script -> assertThat(script).contains("\napk add nodejs\n"),
            script -> assertThat(script).contains("\ncd /app && npm ci\n"),
            script -> assertThat(script).contains("\nnpm run build\n"));
    // Each stage runs on the layers of the one before it: the git stage's layer is below install's run.
    assertThat(runners.runs.get(1).parentLayers()).hasSize(2);
    assertThat(built.image().layers()).hasSize(4);
    assertThat(runners.open).as("root filesystems left open").isZero();
    assertThat(runners.committed).hasSize(3);
  }

  @Test
  void aStageRunsItsCommandsAsOneScript_asRootInTheRoot_withTheImagesEnvironmentAndAPath() throws Exception {
    build(dimg(shell(List.of(), List.of("cd /app", "npm ci"), List.of(), List.of(), Optional.empty(), Map.of()),
        List.of(), DockerInstructions.NONE));

    ScriptedStageRunners.Run run = runners.runs.get(0);
    assertThat(run.process().argv()).hasSize(4).startsWith("/bin/sh", "-e", "-c");
    assertThat(ScriptedStageRunners.scriptOf(run.process())).contains("\ncd /app\n\n__dapp_step=2\nnpm ci\n");
    assertThat(run.process().uid()).isZero();
    assertThat(run.process().gid()).isZero();
    assertThat(run.process().workingDirectory()).isEqualTo("/");
    assertThat(run.process().environment()).contains(UserStageBuilder.DEFAULT_PATH, "HOME=/root");
    assertThat(run.network()).isEqualTo(NetworkMode.HOST);
    assertThat(run.isolation()).isEqualTo(Isolation.OCI);
  }

  @Test
  void aCachedBuild_runsNothing_andAskesNothingOfTheMachine() throws Exception {
    build(dimg(all("npm run build"), GIT, DOCKER));
    int runs = runners.runs.size();
    runners.asked.clear();

    BuiltDimg again = build(dimg(all("npm run build"), GIT, DOCKER));

    assertThat(again.builtStages()).isZero();
    assertThat(runners.runs).hasSize(runs);
    assertThat(runners.asked).as("isolation probes").isEmpty();
  }

  @Test
  void aChangedSetupCommand_rebuildsSetupAndWhatFollows_only() throws Exception {
    BuiltDimg first = build(dimg(all("npm run build"), GIT, DOCKER));

    BuiltDimg second = build(dimg(all("npm run build -- --prod"), GIT, DOCKER));

    // The patch before setup is signed by setup's commands too, as in the original: it goes with them.
    assertThat(second.stages()).extracting(Stage::description).element(7).isEqualTo("git patch before setup");
    assertThat(second.stages()).extracting(Stage::cached)
        .containsExactly(true, true, true, true, true, true, true, false, false, false);
    assertThat(second.stages().subList(0, 7)).extracting(Stage::signature)
        .isEqualTo(first.stages().subList(0, 7).stream().map(Stage::signature).toList());
    assertThat(runners.runs).hasSize(5);
  }

  @Test
  void theCacheVersion_rebuildsEveryShellStage_andAStagesOwnVersionRebuildsFromThatStage() throws Exception {
    build(dimg(all("make"), GIT, DOCKER));

    BuiltDimg global = build(dimg(shell(List.of("apk add nodejs"), List.of("cd /app && npm ci"),
        List.of("echo before"), List.of("make"), Optional.of("2"), Map.of()), GIT, DOCKER));
    assertThat(global.stages()).extracting(Stage::cached).containsExactly(true, false, false, false, false, false,
        false, false, false, false);

    BuiltDimg own = build(dimg(shell(List.of("apk add nodejs"), List.of("cd /app && npm ci"),
        List.of("echo before"), List.of("make"), Optional.of("2"), Map.of(UserStage.BEFORE_SETUP, "x")), GIT, DOCKER));
    assertThat(own.stages()).extracting(Stage::cached).containsExactly(true, true, true, true, true, true, false, false,
        false, false);
  }

  @Test
  void aChangedCommandOrder_isAnotherStage() throws Exception {
    BuiltDimg first = build(dimg(shell(List.of(), List.of("a", "b"), List.of(), List.of(), Optional.empty(), Map.of()),
        List.of(), DockerInstructions.NONE));
    BuiltDimg second = build(dimg(shell(List.of(), List.of("b", "a"), List.of(), List.of(), Optional.empty(), Map.of()),
        List.of(), DockerInstructions.NONE));

    assertThat(second.lastStage().signature()).isNotEqualTo(first.lastStage().signature());
  }

  @Test
  void theStagesLayer_isWhatTheCommandsChanged_withoutTheRuntimesMounts() throws Exception {
    runners.script(process -> Outcome.success(
        LayerEntry.directory("app", 0, 0), file("app/built.js", "built"),
        LayerEntry.directory("dev", 0, 0), file("dev/shm/x", "x"), file("etc/resolv.conf", "nameserver 1.1.1.1"),
        LayerEntry.directory("etc", 0, 0), file("etc/hostname", "box"), LayerEntry.whiteout("app/old.js")));

    BuiltDimg built = build(dimg(shell(List.of(), List.of(), List.of(), List.of("npm run build"), Optional.empty(),
        Map.of()), List.of(), DockerInstructions.NONE));

    assertThat(archiver.archived()).singleElement().satisfies(entries -> assertThat(entries)
        .extracting(LayerEntry::path).containsExactly("app", "app/built.js", "etc", "etc/hostname", "app/old.js"));
    assertThat(built.image().config().history()).last().satisfies(step ->
        assertThat(step.createdBy()).isEqualTo("dapp shell setup: npm run build"));
  }

  @Test
  void mounts_areTheProcesssOwn_neverPartOfTheLayer_andLetGoAfterTheStage() throws Exception {
    runners.script(process -> Outcome.success(LayerEntry.directory("root", 0, 0),
        LayerEntry.directory("root/.npm", 0, 0), file("root/.npm/cache.bin", "cached"), file("tmp/build/x", "x"),
        LayerEntry.directory("tmp", 0, 0), file("app/out.js", "out")));
    Dimg dimg = new Dimg(Optional.of("backend"), BaseImage.SCRATCH, List.of(), shell(List.of(), List.of(), List.of(),
        List.of("npm run build"), Optional.empty(), Map.of()), DockerInstructions.NONE, List.of(),
        List.of(new io.dapp.domain.dappfile.Mount(io.dapp.domain.dappfile.Mount.Kind.BUILD_DIR, "/root/.npm"),
            new io.dapp.domain.dappfile.Mount(io.dapp.domain.dappfile.Mount.Kind.TMP_DIR, "/tmp/build")));

    build(dimg);

    assertThat(runners.runs.get(0).process().mounts()).extracting(m -> m.source() + " -> " + m.destination())
        .containsExactly("/host-mounts/build_dir/root/.npm -> /root/.npm", "/host-mounts/tmp_dir/tmp/build -> /tmp/build");
    assertThat(archiver.archived().get(0)).extracting(LayerEntry::path).containsExactly("root", "tmp", "app/out.js");
    assertThat(runners.mountsHeld).containsExactly("held /host-mounts/build_dir/root/.npm",
        "held /host-mounts/tmp_dir/tmp/build", "released /host-mounts/build_dir/root/.npm",
        "released /host-mounts/tmp_dir/tmp/build");
  }

  @Test
  void sourceDateEpoch_clampsLaterMtimes() throws Exception {
    environment.put("SOURCE_DATE_EPOCH", "1700000000");
    runners.script(process -> Outcome.success(file("app/new.js", "x"),
        LayerEntry.directory("old", 0, 0).withMtime(Instant.ofEpochSecond(1000))));

    build(dimg(shell(List.of(), List.of(), List.of(), List.of("make"), Optional.empty(), Map.of()), List.of(),
        DockerInstructions.NONE));

    assertThat(archiver.archived().get(0)).extracting(LayerEntry::mtime)
        .containsExactly(Instant.ofEpochSecond(1700000000), Instant.ofEpochSecond(1000));
  }

  @Test
  void aSourceDateEpochThatIsNotANumber_isBadInput() {
    environment.put("SOURCE_DATE_EPOCH", "yesterday");

    assertThatThrownBy(() -> build(dimg(all("make"), List.of(), DockerInstructions.NONE)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not 'yesterday'");
  }

  @Test
  void aFailingCommand_failsTheBuildInOneLine_namingDimgStageCommandAndStatus_andStoresNothingOfIt()
      throws Exception {
    runners.script(process -> ScriptedStageRunners.scriptOf(process).contains("npm ci")
        ? new Outcome(List.of("npm ERR! missing package.json", markerLine(process, 2, 3)), 3, List.of())
        : Outcome.success(file("x", "x")));

    assertThatThrownBy(() -> build(dimg(shell(List.of("apk add nodejs"), List.of("cd /app", "npm ci", "echo done"),
        List.of(), List.of("make"), Optional.empty(), Map.of()), List.of(), DockerInstructions.NONE)))
        .isInstanceOf(StageCommandFailedException.class)
        .hasMessage("dimg 'backend': stage install: command 2 of 3 'npm ci' failed with exit status 3")
        .satisfies(e -> assertThat(((StageCommandFailedException) e).command()).contains("npm ci"));

    assertThat(console.infos).contains("backend/install | npm ERR! missing package.json")
        .noneMatch(line -> line.contains("dapp-failed-"));
    assertThat(runners.runs).hasSize(2);
    assertThat(runners.committed).hasSize(1);
    assertThat(runners.open).isZero();
    // The stage before stays cached: a second build starts from it.
    runners.script(process -> Outcome.success());
    BuiltDimg retried = build(dimg(shell(List.of("apk add nodejs"), List.of("cd /app", "npm ci", "echo done"),
        List.of(), List.of("make"), Optional.empty(), Map.of()), List.of(), DockerInstructions.NONE));
    assertThat(retried.stages()).extracting(Stage::cached).containsExactly(true, true, false, false);
  }

  @Test
  void aKilledScript_isReportedWithItsSignal() {
    runners.script(process -> new Outcome(List.of("working"), 137, List.of()));

    assertThatThrownBy(() -> build(dimg(all("make"), List.of(), DockerInstructions.NONE)))
        .hasMessage("dimg 'backend': stage before_install: the commands failed with exit status 137 (killed by signal 9)");
  }

  @Test
  void aQuietConsole_showsAFailedCommandsLastLines_only() {
    QuietConsole quiet = new QuietConsole();
    runners.script(process -> new Outcome(java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i)
        .toList(), 1, List.of()));

    assertThatThrownBy(() -> {
      dappfile = new Dappfile("dappfile.yaml", List.of(dimg(all("make"), List.of(), DockerInstructions.NONE)), List.of());
      work().build(new CommandInvocation(DappCommand.DIMG_BUILD, Optional.empty(), List.of(), Path.of("/project"),
          new LoginOptions(Optional.empty(), Optional.empty())), EmptyDockerConfig.at("/c"), quiet);
    }).isInstanceOf(StageCommandFailedException.class);

    assertThat(quiet.failed).hasSize(UserStageBuilder.FAILURE_TAIL).first().isEqualTo("backend/before_install: line 11");
    assertThat(quiet.failed).last().isEqualTo("backend/before_install: line 30");
  }

  @Test
  void anImageWithoutAShell_isAOneLineErrorNamingTheStage() {
    runners.withoutShell();

    assertThatThrownBy(() -> build(dimg(all("make"), List.of(), DockerInstructions.NONE)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("dimg 'backend': stage before_install: the image has no /bin/sh to run the commands with");
    assertThat(runners.runs).isEmpty();
  }

  @Test
  void auto_usesTheOciRuntime_whereItCanRun_elseChroot_andSaysWhyWithDebug() throws Exception {
    runners.unavailable(Isolation.OCI, "crun cannot run containers here: cgroups in hybrid mode not supported");

    build(dimg(all("make"), List.of(), DockerInstructions.NONE));

    assertThat(runners.runs).allSatisfy(run -> assertThat(run.isolation()).isEqualTo(Isolation.CHROOT));
    assertThat(console.debugs).contains("shell stages run with chroot isolation: crun cannot run containers here: "
        + "cgroups in hybrid mode not supported");
  }

  @Test
  void anIsolationAskedFor_thatCannotRun_failsSayingWhy() {
    runners.unavailable(Isolation.OCI, "no OCI runtime: install runc (apt-get install runc), or name one with "
        + "--oci-runtime PATH");
    shellOptions = new ShellRunOptions(Optional.of(Isolation.OCI), Optional.empty(), NetworkMode.NONE);

    assertThatThrownBy(() -> build(dimg(all("make"), List.of(), DockerInstructions.NONE)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("--isolation oci: no OCI runtime: install runc (apt-get install runc), or name one with "
            + "--oci-runtime PATH");
  }

  @Test
  void neitherIsolationCanRun_oneLineSaysBothReasons() {
    runners.unavailable(Isolation.OCI, "dapp runs shell stages as root").unavailable(Isolation.CHROOT, "not root");

    assertThatThrownBy(() -> build(dimg(all("make"), List.of(), DockerInstructions.NONE)))
        .hasMessage("shell stages cannot run here: dapp runs shell stages as root; and chroot isolation: not root");
  }

  @Test
  void theNamedRuntime_andTheNetwork_reachTheRunner_andTheOptionBeatsTheEnvironment() throws Exception {
    environment.put("DAPP_OCI_RUNTIME", "/opt/crun");
    shellOptions = new ShellRunOptions(Optional.empty(), Optional.of(Path.of("/opt/runc")), NetworkMode.NONE);

    build(dimg(all("make"), List.of(), DockerInstructions.NONE));

    assertThat(runners.runs).allSatisfy(run -> {
      assertThat(run.ociRuntime()).contains(Path.of("/opt/runc"));
      assertThat(run.network()).isEqualTo(NetworkMode.NONE);
    });
  }

  private static String markerLine(io.dapp.domain.port.ContainerProcess process, int command, int status) {
    String script = ScriptedStageRunners.scriptOf(process);
    int at = script.indexOf("dapp-failed-");
    String marker = script.substring(at, script.indexOf(' ', at));
    return marker + " " + command + " " + status;
  }

  /** A console with --quiet: shows no output, and a failure's last lines. */
  private static final class QuietConsole extends io.dapp.domain.testing.RecordingConsole {
    final List<String> failed = new java.util.ArrayList<>();

    @Override
    public void output(String source, String line) {
      // quiet: not shown
    }

    @Override
    public boolean showsOutput() {
      return false;
    }

    @Override
    public void failedOutput(String source, List<String> lines) {
      lines.forEach(line -> failed.add(source + ": " + line));
    }
  }
}
