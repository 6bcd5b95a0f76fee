package io.dapp.domain.localstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.BuiltDimg;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.build.Stage;
import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.Import;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.login.LoginEnvironment;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.login.LoginRequest;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.StoreReference;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.LoginSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The local cleaning commands on the in-memory store: which references go, and what a dry run changes. */
class LocalCleanupWorkTest {

  private final TextLayerArchiver archiver = new TextLayerArchiver();

  private static final Path PROJECT = Path.of("/project");
  private static final Path OTHER_PROJECT = Path.of("/other");
  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.empty());
  /** Two hours on: every blob written so far is older than the grace period. */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

  private final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
  private final InMemoryProject project = new InMemoryProject().file("src/app.rb", "puts 1").file("README", "r");
  private String release = "puts 1";

  /**
   * A new release of the project: another app.rb, and (so that the git archive is made again, as each change
   * made a new git stage before git stages had patches) the files go to another directory.
   */
  private void release(String content) {
    project.file("src/app.rb", content);
    release = content;
  }

  /** The dappfile as the build reads it: its git entries' 'to' names the release. */
  private Dappfile released() {
    List<Dimg> dimgs = dappfile.dimgs().stream().map(dimg -> new Dimg(dimg.name(), dimg.from(),
        dimg.git().stream().map(git -> new GitMapping(git.add(), release.equals("puts 1") ? git.to()
            : git.to() + "-" + Integer.toHexString(release.hashCode()), git.includePaths(), git.excludePaths(),
            git.owner(), git.group())).toList(), dimg.shell(), dimg.docker(), dimg.imports(), dimg.mounts())).toList();
    return new Dappfile(dappfile.source(), dimgs, dappfile.artifacts());
  }
  private final RecordingConsole console = new RecordingConsole();
  private Dappfile dappfile = dappfile(dimg("backend", BaseImage.SCRATCH));

  private static Dimg dimg(String name, BaseImage from) {
    return new Dimg(Optional.of(name), from, List.of(new GitMapping("/src", "/app", List.of(), List.of(),
        Optional.empty(), Optional.empty())), new DockerInstructions(Optional.of("/app"), Optional.empty(), Map.of(),
        Map.of(), List.of(), List.of(), Optional.empty(), Optional.empty()));
  }

  private static Dappfile dappfile(Dimg... dimgs) {
    return new Dappfile("dappfile.yaml", List.of(dimgs), List.of());
  }

  /** A build whose base images come from the store only, as the local commands' build is wired. */
  private BuildWork buildWork() {
    return new BuildWork(directory -> released(), project, location -> store,
        new DimgBuilder(new OfflineBaseImages(), archiver, (layers, path, target) -> Optional.empty(), archiver,
            rootFilesystems));
  }

  private List<BuiltDimg> build(Path directory, Platform platform) throws Exception {
    return buildWork().build(invocation(DappCommand.DIMG_BUILD, directory, platform, LocalCleanupOptions.DEFAULT),
        EmptyDockerConfig.at("/docker-config"), new RecordingConsole());
  }

  private List<BuiltDimg> build() throws Exception {
    return build(PROJECT, Platform.LINUX_AMD64);
  }

  private static CommandInvocation invocation(DappCommand command, Path directory, Platform platform,
      LocalCleanupOptions options) {
    return new CommandInvocation(command, Optional.empty(), List.of(), directory, LoginOptions.NONE)
        .withCommandOptions(CommandOptions.of(new BuildOptions(Optional.empty(), platform), options));
  }

  /** What shell stages unpacked: the cleanup tells it which layers the store still has. */
  private final io.dapp.domain.testing.ScriptedStageRunners rootFilesystems = new io.dapp.domain.testing.ScriptedStageRunners();

  private void clean(LocalCleanupKind kind, LocalCleanupOptions options, Clock clock) throws Exception {
    LoginSession session = LoginSession.withoutRegistry(new LoginPolicy().plan(new LoginRequest(
        CommandCategory.LOCAL, List.of(), LoginOptions.NONE, LoginEnvironment.from(Map.of()))));
    new LocalCleanupWork(kind, buildWork(), directory -> released(), location -> store, rootFilesystems,
        rootFilesystems, clock)
        .perform(invocation(kind.command(), PROJECT, Platform.LINUX_AMD64, options), CommandCategory.LOCAL, session,
            console);
  }

  private void clean(LocalCleanupKind kind) throws Exception {
    clean(kind, LocalCleanupOptions.DEFAULT, LATER);
  }

  private static List<String> stageTags(BuiltDimg built) {
    return built.stages().stream().map(Stage::signature).map(s -> s.stageTag()).toList();
  }

  private List<String> names() throws Exception {
    return store.names();
  }

  @Test
  void stagesCleanup_removesTheStagesOfEarlierBuilds_andTheBlobsOnlyTheyUsed() throws Exception {
    BuiltDimg first = build().get(0);
    release("puts 2");
    BuiltDimg second = build().get(0);

    clean(LocalCleanupKind.STAGES_CLEANUP);

    List<String> old = List.of(stageTags(first).get(1), stageTags(first).get(2));
    assertThat(names()).containsExactlyInAnyOrderElementsOf(concat(stageTags(second), "backend"));
    assertThat(console.infos).filteredOn(line -> line.startsWith("untagged")).containsExactlyInAnyOrder(
        "untagged " + old.get(0) + " (stage of this project in no current stage chain)",
        "untagged " + old.get(1) + " (stage of this project in no current stage chain)");
    assertThat(store.unreferencedBlobs()).isEmpty();
    assertThat(store.hasBlob(first.stages().get(1).image().layers().get(0).blob().digest())).isFalse();
    assertThat(console.infos).last().asString()
        .startsWith("removed 2 references, 7 blobs (").contains("and 0 temporary files (0 B): freed ");
    // What shell stages unpacked is kept for the layers of the images left, and only those.
    assertThat(rootFilesystems.keptDiffIds).containsExactlyInAnyOrderElementsOf(
        second.image().config().diffIds());
    assertThat(rootFilesystems.keptDiffIds).doesNotContain(first.stages().get(1).image().config().diffIds().get(0));
    assertThat(build().get(0).builtStages()).isZero();
  }

  /**
   * The walk of a dimg that imports from an artifact reads the artifact's files to sign the import stage, so
   * the cleanup keeps the import stage, the stages after it and the artifact's stages, not only those before.
   */
  @Test
  void stagesCleanup_keepsTheStagesOfADimgThatImportsFromAnArtifact_andTheArtifactsStages() throws Exception {
    Artifact assets = new Artifact("assets", BaseImage.SCRATCH, List.of(new GitMapping("/src", "/dist", List.of(),
        List.of(), Optional.empty(), Optional.empty())), io.dapp.domain.dappfile.ShellStages.NONE, List.of(),
        List.of(), 1);
    Dimg web = new Dimg(Optional.of("web"), BaseImage.SCRATCH, List.of(), io.dapp.domain.dappfile.ShellStages.NONE,
        new DockerInstructions(Optional.of("/srv"), Optional.empty(), Map.of(), Map.of(), List.of(), List.of(),
            Optional.empty(), Optional.empty()),
        List.of(new Import("assets", "/dist", "/srv", List.of(), List.of(), Import.Position.AFTER_SETUP,
            Optional.empty(), Optional.empty(), 9)), List.of());
    dappfile = new Dappfile("dappfile.yaml", List.of(web), List.of(assets));
    rootFilesystems.files.put("/dist", List.of(io.dapp.domain.image.LayerEntry.file("dist/app.rb", false, 0, 0, 6,
        () -> new java.io.ByteArrayInputStream("puts 1".getBytes(StandardCharsets.UTF_8)))));
    BuiltDimg built = build().get(0);
    assertThat(built.stages()).extracting(Stage::description).anyMatch(d -> d.startsWith("after_setup_artifact"));

    clean(LocalCleanupKind.STAGES_CLEANUP);

    assertThat(console.infos).noneMatch(line -> line.startsWith("untagged"));
    assertThat(names()).containsAll(stageTags(built)).containsAll(built.artifactStages().stream()
        .map(Stage::signature).map(s -> s.stageTag()).toList());
    assertThat(build().get(0).builtStages()).isZero();
  }

  @Test
  void aDryRun_changesNothing_andSaysWhatARealRunWouldRemove() throws Exception {
    BuiltDimg first = build().get(0);
    release("puts 2");
    build();
    List<StoreReference> references = store.references();
    List<?> unreferenced = store.unreferencedBlobs();

    clean(LocalCleanupKind.STAGES_CLEANUP, new LocalCleanupOptions(true, false), LATER);

    assertThat(store.references()).isEqualTo(references);
    assertThat(store.unreferencedBlobs()).isEqualTo(unreferenced);
    assertThat(console.infos).contains("would untag " + stageTags(first).get(1)
        + " (stage of this project in no current stage chain)");
    String preview = console.infos.get(console.infos.size() - 1);
    assertThat(preview).startsWith("dry run: would remove 2 references, 7 blobs (").endsWith("; nothing was changed");

    console.infos.clear();
    clean(LocalCleanupKind.STAGES_CLEANUP);
    assertThat(console.infos.get(console.infos.size() - 1)).isEqualTo(
        preview.replace("dry run: would remove", "removed").replace(", freeing ", ": freed ")
            .replace("; nothing was changed", ""));
  }

  @Test
  void stagesOtherProjectsMade_andStagesWithoutAProject_stay() throws Exception {
    build();
    release("puts 2");
    BuiltDimg other = build(OTHER_PROJECT, Platform.LINUX_AMD64).get(0);
    release("puts 3");
    BuiltDimg unattributed = build(Path.of("/third"), Platform.LINUX_AMD64).get(0);
    for (Stage stage : unattributed.stages()) {
      store.tag(stage.signature().stageTag(), stage.image().manifestDescriptor());
    }
    release("puts 4");
    build();

    clean(LocalCleanupKind.STAGES_CLEANUP);

    assertThat(names()).containsAll(stageTags(other)).containsAll(stageTags(unattributed));
    assertThat(console.infos).filteredOn(line -> line.startsWith("untagged")).hasSize(2);
  }

  @Test
  void unreferencedBlobsWrittenWithinTheGracePeriod_stay() throws Exception {
    BuiltDimg first = build().get(0);
    release("puts 2");
    build();

    clean(LocalCleanupKind.STAGES_CLEANUP, LocalCleanupOptions.DEFAULT, Clock.systemUTC());

    assertThat(names()).doesNotContain(stageTags(first).get(1));
    assertThat(store.hasBlob(first.stages().get(1).image().layers().get(0).blob().digest())).isTrue();
    assertThat(console.infos.get(console.infos.size() - 1)).startsWith("removed 2 references, 0 blobs (0 B)")
        .contains("; kept 7 unreferenced blobs (").endsWith("written in the last 60 minutes: another dapp may be "
            + "about to name them");
  }

  /**
   * Two pipelines of a project on one runner: one cleans up while the other builds an older checkout from
   * the cache. The stages the build used are untagged (not current for the cleaner), but their blobs were
   * marked in use by the build, so they stay for the grace period; blobs nothing used go.
   */
  @Test
  void blobsOfStagesABuildJustUsed_stayThoughTheCleanupUntagsTheStages() throws Exception {
    MovableClock storeClock = new MovableClock();
    InMemoryLocalImageStore clocked = new InMemoryLocalImageStore(storeClock);
    BuildWork build = new BuildWork(directory -> released(), project, location -> clocked,
        new DimgBuilder(new OfflineBaseImages(), archiver, (layers, path, target) -> Optional.empty(), archiver,
            rootFilesystems));
    CommandInvocation buildInvocation = invocation(DappCommand.DIMG_BUILD, PROJECT, Platform.LINUX_AMD64,
        LocalCleanupOptions.DEFAULT);
    BuiltDimg old = build.build(buildInvocation, EmptyDockerConfig.at("/c"), new RecordingConsole()).get(0);
    release("puts 2");
    BuiltDimg unused = build.build(buildInvocation, EmptyDockerConfig.at("/c"), new RecordingConsole()).get(0);
    release("puts 3");
    build.build(buildInvocation, EmptyDockerConfig.at("/c"), new RecordingConsole());
    storeClock.advance(Duration.ofHours(3));
    release("puts 1");
    assertThat(build.build(buildInvocation, EmptyDockerConfig.at("/c"), new RecordingConsole()).get(0).builtStages())
        .isZero();
    release("puts 3");

    LoginSession session = LoginSession.withoutRegistry(new LoginPolicy().plan(new LoginRequest(
        CommandCategory.LOCAL, List.of(), LoginOptions.NONE, LoginEnvironment.from(Map.of()))));
    new LocalCleanupWork(LocalCleanupKind.STAGES_CLEANUP, build, directory -> released(), location -> clocked,
        rootFilesystems, rootFilesystems, Clock.fixed(storeClock.instant(), java.time.ZoneOffset.UTC))
        .perform(invocation(DappCommand.DIMG_STAGES_CLEANUP_LOCAL, PROJECT, Platform.LINUX_AMD64,
            LocalCleanupOptions.DEFAULT), CommandCategory.LOCAL, session, console);

    assertThat(clocked.names()).doesNotContain(stageTags(old).get(1), stageTags(unused).get(1));
    // the stage images themselves, not only the layers the build's final image names
    assertThat(clocked.hasBlob(old.stages().get(1).image().manifestDescriptor().digest())).isTrue();
    assertThat(clocked.hasBlob(old.stages().get(1).image().layers().get(0).blob().digest())).isTrue();
    assertThat(clocked.hasBlob(unused.stages().get(1).image().manifestDescriptor().digest())).isFalse();
    assertThat(clocked.hasBlob(unused.stages().get(1).image().layers().get(0).blob().digest())).isFalse();
  }

  /** A clock a test moves on. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void stagesBuiltForAnotherPlatform_stay() throws Exception {
    BuiltDimg arm = build(PROJECT, ARM64).get(0);
    build();

    clean(LocalCleanupKind.STAGES_CLEANUP);

    assertThat(names()).containsAll(stageTags(arm));
    assertThat(console.infos).contains("kept 3 stage(s) built for a platform other than linux/amd64 (see --platform)");
  }

  @Test
  void stagesCleanup_writesNothing_evenWhenTheCurrentStagesAreNotBuiltYet() throws Exception {
    build();
    release("puts 2");
    List<String> tagged = store.taggedNames();
    int blobs = blobCount();

    clean(LocalCleanupKind.STAGES_CLEANUP, new LocalCleanupOptions(true, false), LATER);

    assertThat(store.taggedNames()).isEqualTo(tagged);
    assertThat(blobCount()).isEqualTo(blobs);
    assertThat(console.infos).filteredOn(line -> line.startsWith("would untag")).hasSize(2);
  }

  @Test
  void aBaseImageTheStoreLacks_stopsTheCleanup_beforeAnythingIsRemoved() throws Exception {
    baseImageInStore("docker.io/library/alpine:3.19");
    dappfile = dappfile(dimg("backend", BaseImage.of(ImageReference.parse("alpine:3.19"), "alpine:3.19")));
    build();
    release("puts 2");
    build();
    store.untag("docker.io/library/alpine:3.19");
    List<StoreReference> references = store.references();

    assertThatThrownBy(() -> clean(LocalCleanupKind.STAGES_CLEANUP))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageStartingWith("base image docker.io/library/alpine:3.19 is not in the local store memory")
        .hasMessageContaining("nothing was removed");
    assertThat(store.references()).isEqualTo(references);
  }

  @Test
  void dimgFlush_removesTheProjectsDimgImages_andKeepsStagesBaseImagesAndOtherProjectsImages() throws Exception {
    StoredImage base = baseImageInStore("docker.io/library/alpine:3.19");
    dappfile = dappfile(dimg("backend", BaseImage.of(ImageReference.parse("alpine:3.19"), "alpine:3.19")),
        dimg("frontend", BaseImage.SCRATCH), dimg("worker", BaseImage.SCRATCH));
    List<BuiltDimg> built = build();
    store.tag("frontend", store.resolve("frontend").orElseThrow());
    store.tag("worker", base.manifestDescriptor());
    // as another project's build of a dimg of the same name would have left it
    store.tag("backend", store.resolve("backend").orElseThrow(), Map.of("io.dapp.project", "/other"));

    clean(LocalCleanupKind.DIMG_FLUSH);

    assertThat(console.infos).filteredOn(line -> line.startsWith("untagged")).containsExactly(
        "untagged frontend (dimg image named after a dimg of the dappfile)");
    assertThat(names()).contains("backend", "worker", "docker.io/library/alpine:3.19")
        .containsAll(built.stream().flatMap(b -> stageTags(b).stream()).toList()).doesNotContain("frontend");
    assertThat(console.infos).contains("kept 'backend': it was built by project /other");
  }

  @Test
  void dimgFlush_removesTheDimgImagesTheProjectBuilt_evenOfDimgsNoLongerInTheDappfile() throws Exception {
    dappfile = dappfile(dimg("backend", BaseImage.SCRATCH), dimg("legacy", BaseImage.SCRATCH));
    build();
    dappfile = dappfile(dimg("backend", BaseImage.SCRATCH));

    clean(LocalCleanupKind.DIMG_FLUSH);

    assertThat(console.infos).filteredOn(line -> line.startsWith("untagged")).containsExactly(
        "untagged backend (dimg image of this project)", "untagged legacy (dimg image of this project)");
    assertThat(names()).allMatch(name -> name.startsWith("dimgstage-"));
  }

  @Test
  void stagesFlush_removesEveryStageAndDimgImageOfTheProject() throws Exception {
    StoredImage base = baseImageInStore("docker.io/library/alpine:3.19");
    dappfile = dappfile(dimg("backend", BaseImage.of(ImageReference.parse("alpine:3.19"), "alpine:3.19")));
    build();
    release("puts other");
    BuiltDimg other = build(OTHER_PROJECT, Platform.LINUX_AMD64).get(0);
    release("puts 2");
    build();

    clean(LocalCleanupKind.STAGES_FLUSH);

    assertThat(names()).containsExactlyInAnyOrderElementsOf(concat(
        stageTags(other).stream().filter(tag -> !isFirstStageOfProject(tag, other)).toList(),
        "docker.io/library/alpine:3.19"));
    assertThat(store.readImage(base.manifestDescriptor().digest())).isEqualTo(base);
    assertThat(store.unreferencedBlobs()).isEmpty();
  }

  /** The first stage depends on the base image only: the project that built first made it, not the other. */
  private boolean isFirstStageOfProject(String tag, BuiltDimg other) {
    return tag.equals(stageTags(other).get(0));
  }

  @Test
  void quiet_printsTheSummaryLineOnly() throws Exception {
    build();
    release("puts 2");
    build();

    clean(LocalCleanupKind.STAGES_CLEANUP, new LocalCleanupOptions(false, true), LATER);

    assertThat(console.infos).singleElement().asString().startsWith("removed 2 references, 7 blobs");
  }

  @Test
  void nothingToRemove_saysSo() throws Exception {
    build();

    clean(LocalCleanupKind.STAGES_CLEANUP);

    assertThat(console.infos).containsExactly("project /project, store memory",
        "removed 0 references, 0 blobs (0 B) and 0 temporary files (0 B): freed 0 B");
  }

  private int blobCount() throws Exception {
    int count = 0;
    for (StoreReference reference : store.references()) {
      count += store.hasBlob(reference.manifest().digest()) ? 1 : 0;
    }
    return count + store.unreferencedBlobs().size();
  }

  private StoredImage baseImageInStore(String name) throws Exception {
    byte[] content = "base layer".getBytes(StandardCharsets.UTF_8);
    Layer layer = new Layer(store.putBlob(MediaType.DOCKER_LAYER.value(), out -> out.write(content)),
        Digests.sha256("diff base"));
    StoredImage image = store.putImage(new ImageConfig(Platform.LINUX_AMD64, Optional.empty(), ContainerConfig.EMPTY,
        List.of(layer.diffId()), List.of()), List.of(layer));
    store.tag(name, image.manifestDescriptor());
    return image;
  }

  private static List<String> concat(List<String> list, String... more) {
    List<String> all = new java.util.ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }
}
