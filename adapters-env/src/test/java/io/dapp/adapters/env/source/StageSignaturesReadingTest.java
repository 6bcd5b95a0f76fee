package io.dapp.adapters.env.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.layer.TarGzImageFileReader;
import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.layer.TarLayerContents;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.build.Stage;
import io.dapp.domain.build.StageSignature;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Content;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.SourceFile;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.ScriptedStageRunners;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many project files the stage signatures read, through the real sources and the real builder: none
 * for a git project (blob ids), none for a plain directory whose files the cache knows.
 */
class StageSignaturesReadingTest {

  /**
   * Two git entries whose every file install depends on: the patch before install is signed by what the
   * files are (the archive only by the entries' settings).
   */
  private static final Dimg DIMG = new Dimg(Optional.empty(), BaseImage.SCRATCH, List.of(
      new GitMapping("/src", "/app", List.of(), List.of(), Optional.empty(), Optional.empty(),
          Map.of(UserStage.INSTALL, List.of("**/*"))),
      new GitMapping("/assets", "/srv", List.of(), List.of(), Optional.empty(), Optional.empty(),
          Map.of(UserStage.INSTALL, List.of("**/*")))),
      new ShellStages(Map.of(UserStage.INSTALL, List.of("make")), Optional.empty(), Map.of()),
      DockerInstructions.NONE);

  @TempDir
  Path directory;

  private final AtomicInteger opened = new AtomicInteger();

  private Path project() throws Exception {
    Path project = Files.createDirectories(directory.resolve("project"));
    Files.createDirectories(project.resolve("src/lib"));
    Files.createDirectories(project.resolve("assets"));
    Files.writeString(project.resolve("src/app.rb"), "puts 1");
    Files.writeString(project.resolve("src/lib/util.rb"), "def util; end");
    Files.writeString(project.resolve("assets/index.html"), "<html/>");
    return project;
  }

  private static void commit(Path project) throws Exception {
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("c").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
          .setSign(false).call();
    }
  }

  /** The signatures of the dimg's stages, as a build or a push computes them first. */
  private List<StageSignature> signatures(GitProjectSource source, Path project) throws Exception {
    try (ProjectSnapshot snapshot = new CountingSnapshot(source.open(project), opened)) {
      DimgBuilder builder = new DimgBuilder((image, platform, config, options, store, progress) -> {
        throw new OperationFailedException("no base image here");
      }, new TarGzLayerArchiver(), new TarGzImageFileReader(), new TarLayerContents(), new ScriptedStageRunners());
      DimgBuilder.Context context = new DimgBuilder.Context(snapshot, OciLayoutStore.open(directory.resolve("store")),
          Platform.LINUX_AMD64, EmptyDockerConfig.at("/docker-config"), RegistryOptions.defaults(),
          new RecordingConsole(), ProjectId.of(Optional.empty(), Optional.empty(), project));
      List<StageSignature> signatures = new ArrayList<>();
      for (Stage stage : builder.walk(DIMG, context)) {
        signatures.add(stage.signature());
      }
      return signatures;
    }
  }

  @Test
  void gitProject_signsItsStages_withoutReadingABlob() throws Exception {
    Path project = project();
    commit(project);
    GitProjectSource source = new GitProjectSource(FingerprintCaches.none());

    List<StageSignature> first = signatures(source, project);

    assertThat(opened).hasValue(0);
    assertThat(signatures(source, project)).isEqualTo(first);
    Files.writeString(project.resolve("assets/index.html"), "<html>");
    commit(project);
    List<StageSignature> changed = signatures(source, project);
    assertThat(opened).hasValue(0);
    assertThat(changed.subList(0, 2)).isEqualTo(first.subList(0, 2));
    assertThat(changed.get(2)).isNotEqualTo(first.get(2));
  }

  @Test
  void plainDirectory_secondSigning_readsNoFile_andSignsAlike() throws Exception {
    Path project = project();
    GitProjectSource source = new GitProjectSource(new FingerprintCaches(Optional.of(directory.resolve("cache")),
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))));

    List<StageSignature> first = signatures(source, project);
    int firstReads = opened.getAndSet(0);
    List<StageSignature> second = signatures(source, project);

    assertThat(firstReads).isEqualTo(3);
    assertThat(opened).hasValue(0);
    assertThat(second).isEqualTo(first);
    assertThat(signatures(new GitProjectSource(FingerprintCaches.none()), project)).as("without a cache")
        .isEqualTo(first);
  }

  /** The project's files, with every opening of their bytes counted; what they are known by is untouched. */
  private record CountingSnapshot(ProjectSnapshot snapshot, AtomicInteger opened) implements ProjectSnapshot {

    @Override
    public Optional<String> commit() {
      return snapshot.commit();
    }

    @Override
    public List<SourceFile> files(String path) throws OperationFailedException {
      return snapshot.files(path).stream().map(this::counted).toList();
    }

    private SourceFile counted(SourceFile file) {
      if (file.content().isEmpty()) {
        return file;
      }
      Content content = file.content().get();
      return SourceFile.file(file.path(), file.kind() == SourceFile.Kind.EXECUTABLE, file.size(), new Content() {
        @Override
        public InputStream open() throws java.io.IOException {
          opened.incrementAndGet();
          return content.open();
        }

        @Override
        public Optional<ContentFingerprint> fingerprint() {
          return content.fingerprint();
        }

        @Override
        public void hashedWhole(Digest sha256) {
          content.hashedWhole(sha256);
        }
      });
    }

    @Override
    public void close() {
      snapshot.close();
    }
  }
}
