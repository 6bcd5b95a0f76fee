package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.ImageSpec;
import io.dapp.domain.dappfile.Import;
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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Artifacts and imports in a build: order, what an import copies, and when it is cached. */
class ArtifactsBuildTest {

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final TextLayerArchiver archiver = new TextLayerArchiver();
  private final ScriptedStageRunners runners = new ScriptedStageRunners();
  private final RecordingConsole console = new RecordingConsole();
  private Dappfile dappfile;

  private BuildWork work() {
    return new BuildWork(directory -> dappfile, new InMemoryProject(), location -> store, new DimgBuilder(
        (image, platform, config, registryOptions, target, progress) -> {
          throw new OperationFailedException("no registry in this test");
        }, archiver, (layers, path, target) -> Optional.ofNullable(switch (path) {
          case "etc/passwd" -> "root:x:0:0::/:/bin/sh\nnginx:x:101:101::/:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
          case "etc/group" -> "root:x:0:\nnginx:x:101:\n".getBytes(StandardCharsets.UTF_8);
          default -> null;
        }), archiver, new ShellStagePorts(runners, runners, runners)));
  }

  private List<BuiltDimg> build(Dimg... dimgs) throws Exception {
    dappfile = new Dappfile("dappfile.yaml", List.of(dimgs), List.of(assets(""), unused()));
    return work().build(invocation(), EmptyDockerConfig.at("/c"), console);
  }

  private static CommandInvocation invocation() {
    return new CommandInvocation(DappCommand.DIMG_BUILD, Optional.empty(), List.of(), Path.of("/p"),
        new LoginOptions(Optional.empty(), Optional.empty()));
  }

  private static Artifact assets(String version) {
    return new Artifact("assets", BaseImage.SCRATCH, List.of(), new ShellStages(Map.of(UserStage.SETUP,
        List.of("npm run build")), version.isEmpty() ? Optional.empty() : Optional.of(version), Map.of()), List.of(),
        List.of(), 1);
  }

  private static Artifact unused() {
    return new Artifact("unused", BaseImage.SCRATCH, List.of(), new ShellStages(Map.of(UserStage.SETUP,
        List.of("never")), Optional.empty(), Map.of()), List.of(), List.of(), 9);
  }

  private static Import html(Import.Position position) {
    return new Import("assets", "/src/dist", "/usr/share/nginx/html", List.of("**/*.js", "index.html"),
        List.of("**/*.map"), position, Optional.of("nginx"), Optional.empty(), 20);
  }

  private static Dimg web(Import... imports) {
    return new Dimg(Optional.of("web"), BaseImage.SCRATCH, List.of(), new ShellStages(Map.of(UserStage.INSTALL,
        List.of("apk add nginx")), Optional.empty(), Map.of()), DockerInstructions.NONE, List.of(imports), List.of());
  }

  private static LayerEntry file(String path, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return LayerEntry.file(path, false, 1000, 1000, bytes.length, () -> new ByteArrayInputStream(bytes));
  }

  private void artifactHas(LayerEntry... entries) {
    runners.files.put("/src/dist", List.of(entries));
  }

  @Test
  void theArtifactAnImportNames_isBuiltFirst_once_andAnArtifactNobodyImportsIsNot() throws Exception {
    artifactHas(file("app.js", "x"), file("index.html", "<html/>"));

    List<BuiltDimg> built = build(web(html(Import.Position.AFTER_SETUP)), new Dimg(Optional.of("admin"),
        BaseImage.SCRATCH, List.of(), ShellStages.NONE, DockerInstructions.NONE,
        List.of(html(Import.Position.BEFORE_INSTALL)), List.of()));

    assertThat(runners.runs).extracting(run -> ScriptedStageRunners.scriptOf(run.process()))
        .filteredOn(script -> script.contains("npm run build")).hasSize(1);
    assertThat(runners.runs).extracting(run -> ScriptedStageRunners.scriptOf(run.process()))
        .noneMatch(script -> script.contains("never"));
    assertThat(built.get(0).artifactStages()).as("the artifact's stages, all built").hasSize(2)
        .noneMatch(Stage::cached);
    assertThat(built.get(0).stages()).extracting(Stage::description).containsExactly("from scratch",
        "install (1 command)", "after_setup_artifact (assets /src/dist -> /usr/share/nginx/html, 2 files)");
    assertThat(built.get(1).stages()).extracting(Stage::description).containsExactly("from scratch",
        "before_install_artifact (assets /src/dist -> /usr/share/nginx/html, 2 files)");
    assertThat(built.get(0).artifactStages()).hasSize(2);
  }

  @Test
  void anImport_copiesWhatTheGlobsSelect_underTo_withTheImportsOwner() throws Exception {
    artifactHas(LayerEntry.directory("js", 1000, 1000), file("js/app.js", "app"), file("js/app.js.map", "map"),
        file("index.html", "<html/>"), file("README.md", "readme"));

    BuiltDimg web = build(web(html(Import.Position.AFTER_SETUP))).get(0);

    List<LayerEntry> layer = archiver.archived().get(archiver.archived().size() - 1);
    assertThat(layer).extracting(LayerEntry::path).containsExactly("usr", "usr/share", "usr/share/nginx",
        "usr/share/nginx/html", "usr/share/nginx/html/index.html", "usr/share/nginx/html/js",
        "usr/share/nginx/html/js/app.js");
    assertThat(layer).filteredOn(entry -> entry.path().startsWith("usr/share/nginx/html"))
        .allSatisfy(entry -> assertThat(entry.uid()).isEqualTo(101));
    assertThat(layer.get(0).uid()).as("above 'to': root's").isZero();
    Stage imported = web.lastStage();
    assertThat(imported.image().config().config().labels().get(DappLabels.IMPORTED_STAGE_SIGNATURES))
        .isEqualTo(web.artifactStages().get(web.artifactStages().size() - 1).signature().toString());
  }

  @Test
  void anArtifactRebuiltToTheSameFiles_keepsTheImportCached_andOtherFilesRebuildIt() throws Exception {
    artifactHas(file("app.js", "one"));
    build(web(html(Import.Position.AFTER_SETUP)));

    dappfile = new Dappfile("dappfile.yaml", List.of(web(html(Import.Position.AFTER_SETUP))),
        List.of(assets("2")));
    BuiltDimg same = work().build(invocation(), EmptyDockerConfig.at("/c"), console).get(0);
    assertThat(same.artifactStages()).extracting(Stage::cached).containsExactly(true, false);
    assertThat(same.stages()).extracting(Stage::cached).containsExactly(true, true, true);

    artifactHas(file("app.js", "two"));
    BuiltDimg other = work().build(invocation(), EmptyDockerConfig.at("/c"), console).get(0);
    assertThat(other.stages()).extracting(Stage::cached).containsExactly(true, true, false);
  }

  @Test
  void anImportOfAPathTheArtifactLacks_failsNamingBoth() {
    artifactHas();

    assertThatThrownBy(() -> build(web(html(Import.Position.AFTER_SETUP))))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("dimg 'web': import of /src/dist from artifact 'assets': the artifact has no /src/dist");
  }

  @Test
  void aWalk_endsAChainAtAnImportOfAnArtifactNotInTheStore() throws Exception {
    artifactHas(file("app.js", "x"));
    dappfile = new Dappfile("dappfile.yaml", List.of(web(html(Import.Position.AFTER_SETUP))), List.of(assets("")));

    Map<ImageSpec, List<Stage>> chains = work().walk(invocation(), EmptyDockerConfig.at("/c"), console);

    assertThat(chains.keySet()).extracting(ImageSpec::subject).containsExactly("artifact assets", "web");
    assertThat(chains.get(dappfile.dimgs().get(0))).extracting(Stage::description)
        .containsExactly("from scratch", "install (1 command)");
    assertThat(runners.runs).isEmpty();

    build(web(html(Import.Position.AFTER_SETUP)));
    chains = work().walk(invocation(), EmptyDockerConfig.at("/c"), console);
    assertThat(chains.get(dappfile.dimgs().get(0))).hasSize(3).allSatisfy(stage -> assertThat(stage.cached()).isTrue());
  }
}
