package io.dapp.domain.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.InMemoryRegistryClient;
import io.dapp.domain.registry.RecordingRegistryClientFactory;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.tag.TagResolver;
import io.dapp.domain.tag.TagScheme;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushWorkTest {

  private final TextLayerArchiver archiver = new TextLayerArchiver();

  private static final Repository REPO = repository("registry.example.com/web/app");

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final InMemoryProject project = new InMemoryProject()
      .file("src/app.rb", "puts 1")
      .file("assets/index.html", "<html/>");
  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private Dappfile dappfile;

  private final RecordingConsole console = new RecordingConsole();
  private final List<String> progress = console.infos;

  private static final DockerConfig DOCKER_CONFIG = EmptyDockerConfig.at("/docker-config");

  private static Repository repository(String text) {
    try {
      return Repository.parse(text);
    } catch (InvalidInputException e) {
      throw new AssertionError(e);
    }
  }

  /** The in-memory registry, counting manifest PUTs. */
  private final RecordingRegistryClientFactory registries = new RecordingRegistryClientFactory(registry);

  private BuildWork build() {
    return new BuildWork(directory -> dappfile, project, location -> store, new DimgBuilder(
        (image, platform, config, registryOptions, target, progress) -> {
          throw new OperationFailedException("no base image in this test");
        },
        archiver, (layers, path, target) -> Optional.empty(), archiver,
        new io.dapp.domain.testing.ScriptedStageRunners()));
  }

  private PushWork work(PushWork.Naming naming) {
    return new PushWork(build(), new TagResolver(() -> Map.of("CI_COMMIT_REF_NAME", "main"),
        directory -> Optional.empty()), registries, location -> store, naming);
  }

  private PushResult push(PushWork.Naming naming, TagOptions tags, String... dimgs) throws Exception {
    CommandInvocation invocation = new CommandInvocation(
        naming == PushWork.Naming.SINGLE ? DappCommand.DIMG_SPUSH : DappCommand.DIMG_PUSH, Optional.of(REPO),
        List.of(dimgs), Path.of("/project"), new LoginOptions(Optional.empty(), Optional.empty()))
        .withCommandOptions(CommandOptions.of(BuildOptions.DEFAULT, tags));
    return work(naming).push(invocation, DOCKER_CONFIG, console);
  }

  private void dappfile(Dimg... dimgs) {
    dappfile = new Dappfile("dappfile.yaml", List.of(dimgs), List.of());
  }

  private static Dimg dimg(String name, String add) {
    return new Dimg(Optional.ofNullable(name), BaseImage.SCRATCH,
        List.of(new GitMapping(add, "/app", List.of(), List.of(), Optional.empty(), Optional.empty())),
        DockerInstructions.NONE);
  }

  private static TagOptions tagCi() {
    return new TagOptions(List.of(), List.of(), false, false, false, true);
  }

  @Test
  void namedDimgs_arePushedAsRepoSlashName_underEachTag() throws Exception {
    dappfile(dimg("backend", "/src"), dimg("frontend", "/assets"));

    PushResult result = push(PushWork.Naming.PER_DIMG,
        new TagOptions(List.of("v1"), List.of("plain"), false, false, false, true));

    assertThat(registry.listTags(repository("registry.example.com/web/app/backend")))
        .containsExactlyInAnyOrder("v1", "plain", "main");
    assertThat(registry.listTags(repository("registry.example.com/web/app/frontend")))
        .containsExactlyInAnyOrder("v1", "plain", "main");
    assertThat(registry.listTags(REPO)).isEmpty();
    ImageReference backendMain = repository("registry.example.com/web/app/backend").withTag("main");
    assertThat(result.tags()).hasSize(6).filteredOn(tag -> tag.target().equals(backendMain)).singleElement()
        .satisfies(tag -> {
          assertThat(tag.outcome()).isEqualTo(PushedTag.Outcome.PUSHED);
          assertThat(tag.digest()).isEqualTo(registry.checkManifest(backendMain).orElseThrow().digest());
        });
  }

  @Test
  void theNamelessDimg_isPushedAsRepo_withLatestByDefault() throws Exception {
    dappfile(dimg(null, "/src"));

    push(PushWork.Naming.PER_DIMG, TagOptions.none());

    assertThat(registry.listTags(REPO)).containsExactly("latest");
  }

  @Test
  void spush_pushesTheNamedDimgAsRepo_andRefusesSeveral() throws Exception {
    dappfile(dimg("backend", "/src"), dimg("frontend", "/assets"));

    push(PushWork.Naming.SINGLE, tagCi(), "frontend");

    assertThat(registry.listTags(REPO)).containsExactly("main");
    assertThat(registry.repositories()).containsExactly(REPO);
    assertThatThrownBy(() -> push(PushWork.Naming.SINGLE, tagCi()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("dapp dimg spush pushes one dimg: the dappfile has 2, name the one to push");
  }

  @Test
  void pushesOnlyMissingBlobs_andPutsNoManifestATagAlreadyHas() throws Exception {
    dappfile(dimg("backend", "/src"));
    push(PushWork.Naming.PER_DIMG, tagCi());
    List<String> uploads = registry.uploads();
    assertThat(registries.arguments("pushManifest", 0)).hasSize(1);
    progress.clear();

    PushResult again = push(PushWork.Naming.PER_DIMG, tagCi());

    assertThat(registry.uploads()).isEqualTo(uploads);
    assertThat(registries.arguments("pushManifest", 0)).hasSize(1);
    assertThat(again.tags()).singleElement().satisfies(tag -> {
      assertThat(tag.outcome()).isEqualTo(PushedTag.Outcome.UP_TO_DATE);
      assertThat(tag.uploaded() + tag.mounted()).isZero();
    });
    assertThat(progress)
        .anyMatch(line -> line.matches(".*backend:main: layer sha256:[0-9a-f]{12} already present \\(\\d+ B\\)"));
  }

  @Test
  void aLayerPushedToAnotherRepositoryInTheSameRun_isMounted() throws Exception {
    dappfile(dimg("backend", "/src"), dimg("worker", "/src"));

    push(PushWork.Naming.PER_DIMG, tagCi());

    assertThat(progress).anyMatch(line -> line.matches(".*/backend:main: layer sha256:[0-9a-f]{12} pushed \\(\\d+ B\\)"))
        .anyMatch(line -> line.matches(".*/worker:main: layer sha256:[0-9a-f]{12} mounted \\(\\d+ B\\)"));
  }

  @Test
  void aPushWithTwoTagSchemes_leavesNoBlobInTheStoreThatNoNameReaches() throws Exception {
    dappfile(dimg("backend", "/src"), dimg("frontend", "/assets"));

    PushResult result = push(PushWork.Naming.PER_DIMG,
        new TagOptions(List.of("v1"), List.of(), true, false, false, true));

    assertThat(registry.listTags(repository("registry.example.com/web/app/backend"))).hasSize(2);
    assertThat(result.tags()).hasSize(4).allMatch(tag -> tag.outcome() == PushedTag.Outcome.PUSHED);
    assertThat(store.unreferencedBlobs()).isEmpty();
  }

  @Test
  void thePushedConfig_isTheBuiltOne_labelledWithItsTagScheme() throws Exception {
    dappfile(dimg("backend", "/src"));
    StoredImage built = build().build(new CommandInvocation(DappCommand.DIMG_BUILD, Optional.empty(), List.of(),
        Path.of("/project"), new LoginOptions(Optional.empty(), Optional.empty())), DOCKER_CONFIG, console).get(0).image();

    StoredImage pushed = PushWork.pushedImage(built, TagScheme.GIT_COMMIT, store).image();

    assertThat(pushed.config().config().labels()).containsEntry("dapp-dimg", "true")
        .containsEntry("dapp-tag-scheme", "git_commit").containsEntry("dapp-dimg-name", "backend")
        .containsEntry("dapp-stage-signature", built.config().config().labels().get("dapp-stage-signature"));
    assertThat(pushed.layers()).isEqualTo(built.layers());
  }
}
