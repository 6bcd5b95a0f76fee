package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.ScriptedStageRunners;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.DappCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The git archive and its patches: a later commit does not rebuild the archive but adds a patch of what
 * changed, and only a change to a stage's dependencies rebuilds that stage.
 */
class GitPatchesBuildTest {

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final InMemoryProject project = new InMemoryProject()
      .file("src/package.json", "{\"deps\": 1}")
      .file("src/server.js", "listen(8080)")
      .file("src/lib/util.js", "util()")
      .file("README.md", "readme");
  private final TextLayerArchiver archiver = new TextLayerArchiver();
  private final ScriptedStageRunners runners = new ScriptedStageRunners();
  private final RecordingConsole console = new RecordingConsole();

  private static final Dimg DIMG = new Dimg(Optional.of("web"), BaseImage.SCRATCH,
      List.of(new GitMapping("/src", "/app", List.of(), List.of(), Optional.empty(), Optional.empty(),
          Map.of(UserStage.INSTALL, List.of("package.json")))),
      new ShellStages(Map.of(UserStage.INSTALL, List.of("cd /app && npm ci"), UserStage.SETUP,
          List.of("cd /app && npm run build")), Optional.empty(), Map.of()),
      new DockerInstructions(Optional.of("/app"), Optional.empty(), Map.of(), Map.of(), List.of(), List.of(),
          Optional.empty(), Optional.of(List.of("node", "server.js"))));

  /** A build in a process of its own: nothing of an earlier build is remembered but what the store has. */
  private BuiltDimg build() throws Exception {
    Dappfile dappfile = new Dappfile("dappfile.yaml", List.of(DIMG), List.of());
    return new BuildWork(directory -> dappfile, project, location -> store, new DimgBuilder(
        (image, platform, config, registryOptions, target, progress) -> {
          throw new OperationFailedException("no registry in this test");
        }, archiver, (layers, path, target) -> Optional.empty(), archiver, new ShellStagePorts(runners, runners, runners)))
        .build(new CommandInvocation(DappCommand.DIMG_BUILD, Optional.empty(), List.of(), Path.of("/p"),
            new LoginOptions(Optional.empty(), Optional.empty())), EmptyDockerConfig.at("/c"), console).get(0);
  }

  private static List<String> described(BuiltDimg built) {
    return built.stages().stream().map(stage -> stage.description() + (stage.cached() ? " (cached)" : "")).toList();
  }

  private List<String> lastLayer() {
    List<List<LayerEntry>> archived = archiver.archived();
    return archived.get(archived.size() - 1).stream().map(e -> e.kind() + " " + e.path()).toList();
  }

  @Test
  void theFirstBuild_archivesEveryFile_andItsPatchesAreEmpty() throws Exception {
    BuiltDimg built = build();

    assertThat(described(built)).containsExactly("from scratch", "git archive /src -> /app",
        "git patch before install", "install (1 command)", "git patch before setup", "setup (1 command)", "docker");
    assertThat(archiver.archived().get(0)).extracting(LayerEntry::path)
        .containsExactly("app", "app/lib", "app/lib/util.js", "app/package.json", "app/server.js");
    // The archive and the empty patches after it say which files they hold.
    assertThat(built.stages().get(1).image().config().config().labels()).containsKey(DappLabels.GIT_STATE);
    assertThat(built.stages().get(2).image().layers()).hasSameSizeAs(built.stages().get(1).image().layers());
  }

  @Test
  void aChangeOutsideTheDependencies_isOneLatestPatchOfThatFile_andNothingRebuilds() throws Exception {
    build();
    int runs = runners.runs.size();
    project.file("src/server.js", "listen(9090)");

    BuiltDimg built = build();

    assertThat(described(built)).containsExactly("from scratch (cached)", "git archive /src -> /app (cached)",
        "git patch before install (cached)", "install (1 command) (cached)", "git patch before setup (cached)",
        "setup (1 command) (cached)", "git latest patch", "docker");
    assertThat(lastLayer()).containsExactly("DIRECTORY app", "FILE app/server.js");
    assertThat(runners.runs).hasSize(runs);

    BuiltDimg again = build();
    assertThat(again.builtStages()).isZero();
  }

  @Test
  void aChangedDependency_rebuildsThePatchBeforeItsStage_withEveryChange_andWhatFollows() throws Exception {
    build();
    project.file("src/server.js", "listen(9090)");
    project.file("src/package.json", "{\"deps\": 2}");

    BuiltDimg built = build();

    assertThat(described(built)).containsExactly("from scratch (cached)", "git archive /src -> /app (cached)",
        "git patch before install", "install (1 command)", "git patch before setup", "setup (1 command)", "docker");
    // The patch before install brings both changed files; the one before setup has nothing left to bring.
    assertThat(archiver.archived()).anySatisfy(layer -> assertThat(layer).extracting(e -> e.kind() + " " + e.path())
        .containsExactly("DIRECTORY app", "FILE app/package.json", "FILE app/server.js"));
    assertThat(built.stages().get(4).image().layers()).hasSameSizeAs(built.stages().get(3).image().layers());
  }

  @Test
  void aDeletedFile_isAWhiteout_andANewOneAnEntry() throws Exception {
    build();
    project.delete("src/lib/util.js");
    project.file("src/lib/new.js", "new()");

    build();

    assertThat(lastLayer()).containsExactly("WHITEOUT app/lib/util.js", "DIRECTORY app", "DIRECTORY app/lib",
        "FILE app/lib/new.js");
  }

  @Test
  void aSecondRunner_withTheStagesOnly_patchesFromWhatTheirLayersHold() throws Exception {
    build();
    project.file("src/server.js", "listen(1)");
    build(); // a latest patch of server.js
    project.file("src/lib/util.js", "util(2)");

    // Another process: what the git stages below the latest patch hold is read from their layers (the
    // archive). The latest patch is made again on them: both changes since the archive, nothing else.
    BuiltDimg built = build();

    assertThat(described(built)).contains("git latest patch");
    assertThat(lastLayer()).containsExactly("DIRECTORY app", "DIRECTORY app/lib", "FILE app/lib/util.js",
        "FILE app/server.js");
  }

  @Test
  void changesOverAMebibyteSinceTheArchive_goIntoThePatchAfterSetup_soTheLatestPatchStaysSmall() throws Exception {
    build();
    project.file("src/big.bin", "x".repeat(1_100_000));

    BuiltDimg built = build();

    assertThat(described(built)).containsExactly("from scratch (cached)", "git archive /src -> /app (cached)",
        "git patch before install (cached)", "install (1 command) (cached)", "git patch before setup (cached)",
        "setup (1 command) (cached)", "git patch after setup", "docker");

    project.file("src/server.js", "small change");
    BuiltDimg next = build();
    assertThat(described(next)).contains("git patch after setup (cached)", "git latest patch");
    assertThat(lastLayer()).containsExactly("DIRECTORY app", "FILE app/server.js");
  }
}
