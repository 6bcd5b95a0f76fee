package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.DappCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildWorkTest {

  private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n";
  private static final String GROUP = "root:x:0:\nweb:x:2000:\n";

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final InMemoryProject project = new InMemoryProject()
      .file("src/app.rb", "puts 1")
      .file("src/bin/run", "#!/bin/sh", true)
      .file("src/spec/app_spec.rb", "spec")
      .symlink("src/current", "bin/run")
      .file("README.md", "readme");
  private final TextLayerArchiver archiver = new TextLayerArchiver();
  private final List<ImageReference> fetched = new ArrayList<>();
  private Dappfile dappfile;

  private final RecordingConsole console = new RecordingConsole();
  private final List<String> progress = console.infos;
  private final List<String> warnings = console.warnings;

  private static final DockerConfig DOCKER_CONFIG = EmptyDockerConfig.at("/docker-config");

  private BuildWork work() {
    return new BuildWork(directory -> dappfile, project, location -> store, new DimgBuilder(
        (image, platform, config, registryOptions, target, progress) -> {
          fetched.add(image);
          throw new OperationFailedException("pulling base image " + image + " is not available");
        },
        archiver,
        (layers, path, target) -> Optional.ofNullable(switch (path) {
          case "etc/passwd" -> PASSWD.getBytes(StandardCharsets.UTF_8);
          case "etc/group" -> GROUP.getBytes(StandardCharsets.UTF_8);
          default -> null;
        }), archiver, new io.dapp.domain.testing.ScriptedStageRunners()));
  }

  private List<BuiltDimg> build(Dimg... dimgs) throws Exception {
    dappfile = new Dappfile("dappfile.yaml", List.of(dimgs), List.of());
    return work().build(invocation(List.of()), DOCKER_CONFIG, console);
  }

  private static CommandInvocation invocation(List<String> dimgs) {
    return new CommandInvocation(DappCommand.DIMG_BUILD, Optional.empty(), dimgs, Path.of("/project"),
        new LoginOptions(Optional.empty(), Optional.empty()))
        .withCommandOptions(io.dapp.domain.usecase.CommandOptions.of(BuildOptions.DEFAULT));
  }

  private static Dimg dimg(String name, BaseImage from, List<GitMapping> git, DockerInstructions docker) {
    return new Dimg(Optional.ofNullable(name), from, git, docker);
  }

  private static GitMapping git(String add, String to) {
    return new GitMapping(add, to, List.of(), List.of(), Optional.empty(), Optional.empty());
  }

  private static DockerInstructions docker(Map<String, String> env, List<String> entrypoint) {
    return new DockerInstructions(Optional.of("/app"), Optional.empty(), env, Map.of("team", "web"), List.of("8080"),
        List.of(), Optional.of(entrypoint), Optional.empty());
  }

  @Test
  void buildsFromTheGitArchiveOfEveryEntryAndDocker() throws Exception {
    BuiltDimg built = build(dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app"), git("/README.md", "/README")),
        docker(Map.of("LANG", "C.UTF-8"), List.of("/app/bin/run")))).get(0);

    assertThat(built.stages()).extracting(Stage::description).containsExactly(
        "from scratch", "git archive /src -> /app, /README.md -> /README", "docker");
    assertThat(built.stages()).allSatisfy(stage -> {
      assertThat(stage.cached()).isFalse();
      assertThat(store.resolve(stage.signature().stageTag())).isPresent();
      assertThat(stage.image().config().config().labels())
          .containsEntry("dapp-dimg", "false").containsEntry("dapp", stage.signature().toString())
          .containsEntry("dapp-stage-signature", stage.signature().toString());
    });
    assertThat(built.stages().get(0).image().config().config().labels()).doesNotContainKey("dapp-parent-stage-signature");
    for (int i = 1; i < built.stages().size(); i++) {
      assertThat(built.stages().get(i).image().config().config().labels())
          .containsEntry("dapp-parent-stage-signature", built.stages().get(i - 1).signature().toString());
    }
    assertThat(built.image().layers()).hasSize(1);
    assertThat(store.resolve("backend")).map(d -> d.digest()).contains(built.image().manifestDescriptor().digest());
  }

  @Test
  void finalImage_isLabelledAsADimgImage_withTheDockerConfig() throws Exception {
    BuiltDimg built = build(dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")),
        docker(Map.of("LANG", "C.UTF-8"), List.of("/app/bin/run")))).get(0);

    ImageConfig config = built.image().config();
    assertThat(config.config().labels()).containsEntry("dapp-dimg", "true").containsEntry("team", "web")
        .containsEntry("dapp", built.lastStage().signature().toString())
        .containsEntry("dapp-stage-signature", built.lastStage().signature().toString())
        .containsEntry("dapp-dimg-name", "backend").doesNotContainKey("dapp-parent-stage-signature");
    assertThat(config.config().env()).containsExactly("LANG=C.UTF-8");
    assertThat(config.config().exposedPorts()).containsExactly("8080/tcp");
    assertThat(config.config().workingDir()).contains("/app");
    assertThat(config.created()).contains(ImageConfig.REPRODUCIBLE_CREATED);
    assertThat(config.platform()).isEqualTo(Platform.LINUX_AMD64);
    assertThat(config.history()).extracting(h -> h.emptyLayer()).containsExactly(false, true);
  }

  @Test
  void gitLayer_holdsTheFilesUnderTo_withParentDirectories_sorted() throws Exception {
    build(dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/opt/app")), DockerInstructions.NONE));

    assertThat(archiver.archived()).hasSize(1);
    assertThat(archiver.archived().get(0)).extracting(e -> e.kind() + " " + e.path() + " "
        + Integer.toOctalString(e.mode())).containsExactly(
        "DIRECTORY opt 755",
        "DIRECTORY opt/app 755",
        "FILE opt/app/app.rb 644",
        "DIRECTORY opt/app/bin 755",
        "FILE opt/app/bin/run 755",
        "SYMLINK opt/app/current 777",
        "DIRECTORY opt/app/spec 755",
        "FILE opt/app/spec/app_spec.rb 644");
  }

  @Test
  void globs_selectRelativeToAdd_excludeWins() throws Exception {
    GitMapping mapping = new GitMapping("/src", "/app", List.of("**/*.rb", "bin"), List.of("spec"), Optional.empty(),
        Optional.empty());

    build(dimg("backend", BaseImage.SCRATCH, List.of(mapping), DockerInstructions.NONE));

    assertThat(archiver.archived().get(0)).extracting(LayerEntry::path)
        .containsExactly("app", "app/app.rb", "app/bin", "app/bin/run");
  }

  @Test
  void secondBuild_buildsNoStage() throws Exception {
    Dimg dimg = dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")), docker(Map.of(), List.of("/run")));
    BuiltDimg first = build(dimg).get(0);
    progress.clear();

    BuiltDimg second = build(dimg).get(0);

    assertThat(second.builtStages()).isZero();
    assertThat(archiver.archived()).hasSize(1);
    assertThat(second.image().manifestDescriptor()).isEqualTo(first.image().manifestDescriptor());
    assertThat(progress).filteredOn(line -> line.contains("using cached stage")).hasSize(3);
  }

  @Test
  void changedFile_rebuildsItsStageAndThoseAfter_notThoseBefore() throws Exception {
    Dimg dimg = dimg("backend", BaseImage.SCRATCH, List.of(git("/README.md", "/README"), git("/src", "/app")),
        docker(Map.of(), List.of("/run")));
    BuiltDimg first = build(dimg).get(0);

    project.file("src/app.rb", "puts 2");
    BuiltDimg second = build(dimg).get(0);

    assertThat(second.stages()).extracting(Stage::cached).containsExactly(true, true, false, false);
    assertThat(second.image().manifestDescriptor().digest()).isNotEqualTo(first.image().manifestDescriptor().digest());
  }

  @Test
  void sameFilesInAnotherCommit_buildNothing() throws Exception {
    Dimg dimg = dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")), DockerInstructions.NONE);
    build(dimg);

    project.commit("fedcba9876543210fedcba9876543210fedcba98").file("unrelated.txt", "x");
    BuiltDimg second = build(dimg).get(0);

    assertThat(second.builtStages()).isZero();
  }

  @Test
  void changedDockerInstruction_rebuildsOnlyTheDockerStage() throws Exception {
    build(dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")), docker(Map.of("A", "1"), List.of("/run"))));

    BuiltDimg second = build(dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")),
        docker(Map.of("A", "2"), List.of("/run")))).get(0);

    assertThat(second.stages()).extracting(Stage::cached).containsExactly(true, true, false);
  }

  @Test
  void changedOwner_rebuildsTheGitStage() throws Exception {
    build(dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")), DockerInstructions.NONE));

    BuiltDimg second = build(dimg("backend", BaseImage.SCRATCH, List.of(new GitMapping("/src", "/app", List.of(),
        List.of(), Optional.of("1000"), Optional.empty())), DockerInstructions.NONE)).get(0);

    assertThat(second.stages()).extracting(Stage::cached).containsExactly(true, false);
    assertThat(archiver.archived().get(1)).filteredOn(e -> e.path().startsWith("app"))
        .allSatisfy(e -> assertThat(e.uid() + ":" + e.gid()).isEqualTo("1000:1000"));
  }

  @Test
  void givenBaseImageInTheStore_buildUsesItWithoutFetching() throws Exception {
    StoredImage base = baseImageInStore("docker.io/library/alpine:3.19", Platform.LINUX_AMD64);

    BuiltDimg built = build(dimg("backend", from("alpine:3.19"), List.of(git("/src", "/app")),
        DockerInstructions.NONE)).get(0);

    assertThat(fetched).isEmpty();
    assertThat(built.image().layers()).hasSize(2);
    assertThat(built.image().layers().get(0)).isEqualTo(base.layers().get(0));
    assertThat(built.image().config().config().env()).containsExactly("PATH=/usr/bin");
    assertThat(built.stages().get(0).description()).isEqualTo("from docker.io/library/alpine:3.19 ("
        + base.manifestDescriptor().digest() + ")");
  }

  @Test
  void givenBaseImageInTheStoreUnderTheNameAsWritten_buildUsesIt() throws Exception {
    baseImageInStore("alpine:3.19", Platform.LINUX_AMD64);

    build(dimg("backend", from("alpine:3.19"), List.of(), DockerInstructions.NONE));

    assertThat(fetched).isEmpty();
  }

  @Test
  void givenBaseImageNotInTheStore_itIsFetched() throws Exception {
    assertThatThrownBy(() -> build(dimg("backend", from("alpine:3.19"), List.of(), DockerInstructions.NONE)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("pulling base image docker.io/library/alpine:3.19 is not available");
    assertThat(fetched).containsExactly(ImageReference.parse("alpine:3.19"));
  }

  @Test
  void givenBaseImageForAnotherPlatform_buildFails() throws Exception {
    baseImageInStore("docker.io/library/alpine:3.19", new Platform("linux", "arm64", Optional.empty()));

    assertThatThrownBy(() -> build(dimg("backend", from("alpine:3.19"), List.of(), DockerInstructions.NONE)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("base image docker.io/library/alpine:3.19 in memory is for linux/arm64, not linux/amd64 "
            + "(see --platform)");
  }

  @Test
  void newBaseImage_rebuildsEveryStage() throws Exception {
    baseImageInStore("docker.io/library/alpine:3.19", Platform.LINUX_AMD64);
    Dimg dimg = dimg("backend", from("alpine:3.19"), List.of(git("/src", "/app")), DockerInstructions.NONE);
    build(dimg);

    baseImageInStore("docker.io/library/alpine:3.19", Platform.LINUX_AMD64, "PATH=/bin");
    BuiltDimg second = build(dimg).get(0);

    assertThat(second.stages()).extracting(Stage::cached).containsExactly(false, false);
  }

  @Test
  void ownerAndGroupNames_areLookedUpInTheBaseImage() throws Exception {
    baseImageInStore("docker.io/library/alpine:3.19", Platform.LINUX_AMD64);
    GitMapping byName = new GitMapping("/src", "/app", List.of(), List.of(), Optional.of("app"), Optional.empty());
    GitMapping withGroup = new GitMapping("/src", "/web", List.of(), List.of(), Optional.of("app"), Optional.of("web"));

    build(dimg("backend", from("alpine:3.19"), List.of(byName, withGroup), DockerInstructions.NONE));

    assertThat(archiver.archived().get(0)).filteredOn(e -> e.path().startsWith("app"))
        .isNotEmpty().allSatisfy(e -> assertThat(e.uid() + ":" + e.gid()).isEqualTo("1001:1002"));
    assertThat(archiver.archived().get(0)).filteredOn(e -> e.path().startsWith("web"))
        .isNotEmpty().allSatisfy(e -> assertThat(e.uid() + ":" + e.gid()).isEqualTo("1001:2000"));
  }

  @Test
  void ownerOfTo_onlyBelowTo_directoriesAboveStayRoot() throws Exception {
    GitMapping owned = new GitMapping("/src", "/opt/app", List.of(), List.of(), Optional.of("1000"), Optional.of("50"));

    build(dimg("backend", BaseImage.SCRATCH, List.of(owned), DockerInstructions.NONE));

    assertThat(archiver.archived().get(0)).extracting(e -> e.path() + " " + e.uid() + ":" + e.gid())
        .startsWith("opt 0:0", "opt/app 1000:50", "opt/app/app.rb 1000:50");
  }

  @Test
  void givenUnknownOwnerName_buildFailsNamingIt() {
    GitMapping unknown = new GitMapping("/src", "/app", List.of(), List.of(), Optional.of("nobody"), Optional.empty());

    assertThatThrownBy(() -> build(dimg("backend", BaseImage.SCRATCH, List.of(unknown), DockerInstructions.NONE)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("dimg 'backend': owner 'nobody' is not a user of the base image (/etc/passwd); use a numeric id");
  }

  @Test
  void givenAddPathNotCommitted_buildFailsNamingTheCommit() {
    assertThatThrownBy(() -> build(dimg("backend", BaseImage.SCRATCH, List.of(git("/lib", "/app")),
        DockerInstructions.NONE)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("dimg 'backend': git add /lib: no such path in commit 0123456789ab (is it committed?)");
  }

  @Test
  void entrypoint_dropsTheCmdOfTheBaseImage() throws Exception {
    baseImageInStore("docker.io/library/alpine:3.19", Platform.LINUX_AMD64);

    BuiltDimg built = build(dimg("backend", from("alpine:3.19"), List.of(), docker(Map.of(), List.of("/run")))).get(0);

    assertThat(built.image().config().config().entrypoint()).contains(List.of("/run"));
    assertThat(built.image().config().config().cmd()).isEmpty();
  }

  @Test
  void namedDimgs_onlyThoseAreBuilt() throws Exception {
    dappfile = new Dappfile("dappfile.yaml", List.of(
        dimg("a", BaseImage.SCRATCH, List.of(), DockerInstructions.NONE),
        dimg("b", BaseImage.SCRATCH, List.of(git("/src", "/b")), DockerInstructions.NONE)), List.of());

    List<BuiltDimg> built = work().build(invocation(List.of("b")), DOCKER_CONFIG, console);

    assertThat(built).extracting(b -> b.dimg().imageName()).containsExactly("b");
    assertThat(store.resolve("a")).isEmpty();
  }

  @Test
  void namelessDimg_isTaggedWithTheFixedName() throws Exception {
    build(dimg(null, BaseImage.SCRATCH, List.of(), DockerInstructions.NONE));

    assertThat(store.resolve(Dimg.NAMELESS_IMAGE_NAME)).isPresent();
  }

  @Test
  void damagedCachedStage_isRebuiltWithAWarning() throws Exception {
    Dimg dimg = dimg("backend", BaseImage.SCRATCH, List.of(git("/src", "/app")), DockerInstructions.NONE);
    BuiltDimg first = build(dimg).get(0);
    store.lose(first.image().layers().get(0).blob().digest());

    BuiltDimg second = build(dimg).get(0);

    assertThat(second.stages()).extracting(Stage::cached).containsExactly(true, false);
    assertThat(warnings).singleElement().asString().contains("is damaged").contains("building it again");
    assertThat(store.hasBlob(first.image().layers().get(0).blob().digest())).isTrue();
  }

  private static BaseImage from(String written) throws Exception {
    return BaseImage.of(ImageReference.parse(written), written);
  }

  private StoredImage baseImageInStore(String name, Platform platform) throws Exception {
    return baseImageInStore(name, platform, "PATH=/usr/bin");
  }

  private StoredImage baseImageInStore(String name, Platform platform, String env) throws Exception {
    byte[] content = ("base layer " + env).getBytes(StandardCharsets.UTF_8);
    Layer layer = new Layer(store.putBlob(MediaType.DOCKER_LAYER.value(), out -> out.write(content)),
        Digests.sha256("diff " + env));
    ContainerConfig config = ContainerConfig.EMPTY.withEnv(Map.of(env.split("=")[0], env.split("=")[1]))
        .withCmd(Optional.of(List.of("/bin/sh")));
    StoredImage image = store.putImage(new ImageConfig(platform, Optional.of("2024-01-01T00:00:00Z"), config,
        List.of(layer.diffId()), List.of()), List.of(layer));
    store.tag(name, image.manifestDescriptor());
    return image;
  }
}
