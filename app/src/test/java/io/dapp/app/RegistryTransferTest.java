package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.BuiltDimg;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.build.RegistryBaseImageFetcher;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.HistoryEntry;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.PlainTransferProgress;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.push.StagesPullWork;
import io.dapp.domain.push.StagesPushWork;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.InMemoryRegistryClient;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RecordingRegistryClientFactory;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.RecordingTransfers;
import io.dapp.domain.testing.ScriptedStageRunners;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base image fetch and the stage cache between the real OCI store and the in-memory registry: what is
 * downloaded, and which stages a second runner pulls.
 */
class RegistryTransferTest {

  @TempDir
  Path root;

  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private LocalImageStore store;

  private final RecordingConsole console = new RecordingConsole();
  private final List<String> progress = console.infos;

  private static final DockerConfig DOCKER_CONFIG = EmptyDockerConfig.at("/docker-config");

  /** The in-memory registry, counting blob downloads. */
  private final RecordingRegistryClientFactory registries = new RecordingRegistryClientFactory(registry);

  @Test
  void fetch_pullsThePlatformsImageFromAnIndex_andNoBlobTheStoreHas() throws Exception {
    Repository repository = Repository.parse("registry.example.com/base/os");
    Manifest amd64 = pushImage(repository, "amd64", "x86 root");
    Manifest arm64 = pushImage(repository, "arm64", "arm root");
    Manifest index = Manifest.of(MediaType.OCI_INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX
        + "\",\"manifests\":[" + entry(amd64, "amd64") + "," + entry(arm64, "arm64") + "]}");
    registry.pushManifest(repository.withTag("1"), index);
    store = OciLayoutStore.open(root.resolve("store"));
    RegistryBaseImageFetcher fetcher = new RegistryBaseImageFetcher(registries, new JacksonManifestReader());
    Platform platform = new Platform("linux", "arm64", Optional.empty());

    RecordingTransfers transfers = new RecordingTransfers();

    StoredImage image = fetcher.fetch(ImageReference.parse("registry.example.com/base/os:1"), platform, DOCKER_CONFIG,
        RegistryOptions.defaults(), store, transfers);

    assertThat(image.manifestDescriptor().digest()).isEqualTo(arm64.digest());
    assertThat(image.config().platform()).isEqualTo(platform);
    assertThat(registries.arguments("pullBlob", 1)).hasSize(2);
    assertThat(store.readImage(arm64.digest()).layers()).hasSize(1);
    Descriptor layer = image.manifest().layers().get(0);
    assertThat(transfers.transfers()).singleElement().satisfies(pulled -> {
      assertThat(pulled.subject).isEqualTo("registry.example.com/base/os:1: layer " + layer.digest().shortForm());
      assertThat(pulled.lastProgress()).as("bytes received").isEqualTo(layer.size());
      assertThat(pulled.outcome()).contains(TransferOutcome.PULLED);
    });

    fetcher.fetch(ImageReference.parse("registry.example.com/base/os:1"), platform, DOCKER_CONFIG,
        RegistryOptions.defaults(), store, transfers);
    assertThat(registries.arguments("pullBlob", 1)).as("the store has every blob already").hasSize(2);
    assertThat(transfers.transfers()).as("nothing to show for blobs the store has").hasSize(1);
  }

  @Test
  void stagesPull_takesFromTheLastStageBackTheStagesTheRegistryHas_soTheRebuildBuildsOnlyTheMissingOne()
      throws Exception {
    Repository repository = Repository.parse("registry.example.com/shop/stages");
    store = OciLayoutStore.open(root.resolve("first-runner"));
    BuildWork build = backendBuild();
    BuiltDimg first = build.build(invocation(DappCommand.DIMG_BUILD, repository), DOCKER_CONFIG, console).get(0);
    new StagesPushWork(build, registries, location -> store)
        .push(invocation(DappCommand.DIMG_STAGES_PUSH, repository), DOCKER_CONFIG, console);
    assertThat(registry.listTags(repository)).hasSize(3);
    // the newest stage never reached the registry: the runner that built it was cancelled
    registry.deleteManifest(repository, registry.checkManifest(
        repository.withTag(first.lastStage().signature().stageTag())).orElseThrow().digest());
    store = OciLayoutStore.open(root.resolve("second-runner"));
    progress.clear();

    new StagesPullWork(build, registries, location -> store, new JacksonManifestReader())
        .pull(invocation(DappCommand.DIMG_STAGES_PULL, repository), DOCKER_CONFIG, console);

    Descriptor gitLayer = first.stages().get(1).image().manifest().layers().get(0);
    assertThat(progress).containsExactly(
        repository.withTag(first.stages().get(1).signature().stageTag()) + ": layer " + gitLayer.digest().shortForm()
            + " pulled (" + PlainTransferProgress.size(gitLayer.size()) + ")",
        "backend: git archive /src -> /app: pulled stage " + first.stages().get(1).signature().shortForm());
    assertThat(store.resolve(first.stages().get(1).signature().stageTag())).isPresent();
    assertThat(store.resolve(first.lastStage().signature().stageTag())).isEmpty();
    BuiltDimg rebuilt = build.build(invocation(DappCommand.DIMG_BUILD, repository), DOCKER_CONFIG, console).get(0);
    assertThat(rebuilt.builtStages()).isEqualTo(1);
    assertThat(rebuilt.image().manifestDescriptor().digest()).isEqualTo(first.image().manifestDescriptor().digest());
  }

  @Test
  void stagesPull_ofAStageWhoseHistoryDoesNotRecordTheStagesBelowIt_pullsThemToo_soTheRebuildBuildsNothing()
      throws Exception {
    Repository repository = Repository.parse("registry.example.com/shop/stages");
    store = OciLayoutStore.open(root.resolve("first-runner"));
    BuildWork build = backendBuild();
    BuiltDimg first = build.build(invocation(DappCommand.DIMG_BUILD, repository), DOCKER_CONFIG, console).get(0);
    // The last stage as an earlier dapp made it: its history names the stages without their labels.
    StoredImage last = first.lastStage().image();
    ImageConfig config = last.config();
    List<HistoryEntry> history = config.history().stream().map(entry -> new HistoryEntry(entry.created(),
        entry.createdBy(), entry.comment().map(c -> c.replaceFirst(" \\(labels: .*\\)$", "")), entry.emptyLayer()))
        .toList();
    assertThat(history).isNotEqualTo(config.history());
    StoredImage earlier = store.putImage(new ImageConfig(config.platform(), config.created(), config.config(),
        config.diffIds(), history), last.layers());
    store.tag(first.lastStage().signature().stageTag(), earlier.manifestDescriptor());
    new StagesPushWork(build, registries, location -> store)
        .push(invocation(DappCommand.DIMG_STAGES_PUSH, repository), DOCKER_CONFIG, console);
    store = OciLayoutStore.open(root.resolve("second-runner"));
    progress.clear();

    new StagesPullWork(build, registries, location -> store, new JacksonManifestReader())
        .pull(invocation(DappCommand.DIMG_STAGES_PULL, repository), DOCKER_CONFIG, console);

    assertThat(progress).filteredOn(line -> line.contains(": pulled stage")).containsExactly(
        "backend: docker: pulled stage " + first.lastStage().signature().shortForm(),
        "backend: git archive /src -> /app: pulled stage " + first.stages().get(1).signature().shortForm());
    BuiltDimg rebuilt = build.build(invocation(DappCommand.DIMG_BUILD, repository), DOCKER_CONFIG, console).get(0);
    assertThat(rebuilt.builtStages()).isZero();
  }

  /** The dimg backend: from scratch, a git archive and a docker stage, built into {@link #store} as it is then. */
  private BuildWork backendBuild() {
    Dimg dimg = new Dimg(Optional.of("backend"), BaseImage.SCRATCH,
        List.of(new GitMapping("/src", "/app", List.of(), List.of(), Optional.empty(), Optional.empty())),
        new DockerInstructions(Optional.of("/app"), Optional.empty(), Map.of(), Map.of(), List.of(), List.of(),
            Optional.empty(), Optional.empty()));
    TextLayerArchiver archiver = new TextLayerArchiver();
    return new BuildWork(directory -> new Dappfile("dappfile.yaml", List.of(dimg), List.of()),
        new InMemoryProject().file("src/app.rb", "puts 1"), location -> store,
        new DimgBuilder(new RegistryBaseImageFetcher(registries, new JacksonManifestReader()), archiver,
            (layers, path, target) -> Optional.empty(), archiver, new ScriptedStageRunners()));
  }

  private static CommandInvocation invocation(DappCommand command, Repository repository) {
    return new CommandInvocation(command, command == DappCommand.DIMG_BUILD ? Optional.empty() : Optional.of(repository),
        List.of(), Path.of("/project"), new LoginOptions(Optional.empty(), Optional.empty()))
        .withCommandOptions(CommandOptions.of(BuildOptions.DEFAULT));
  }

  private Manifest pushImage(Repository repository, String architecture, String content) throws Exception {
    BlobSource layer = BlobSource.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    BlobSource config = BlobSource.ofBytes(("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\","
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digests.sha256(content.getBytes(StandardCharsets.UTF_8))
        + "\"]}}").getBytes(StandardCharsets.UTF_8));
    Manifest manifest = Manifest.of(MediaType.OCI_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\""
        + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\""
        + config.digest() + "\",\"size\":" + config.size() + "},\"layers\":[{\"mediaType\":\"" + io.dapp.domain.model.MediaType.OCI_LAYER_TAR.value()
        + "\",\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.size() + "}]}");
    registry.pushBlob(repository, layer, Optional.empty());
    registry.pushBlob(repository, config, Optional.empty());
    registry.pushManifest(new ImageReference(repository, Optional.empty(), Optional.of(manifest.digest())), manifest);
    return manifest;
  }

  private static String entry(Manifest manifest, String architecture) {
    return "{\"mediaType\":\"" + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":"
        + manifest.size() + ",\"platform\":{\"architecture\":\"" + architecture + "\",\"os\":\"linux\"}}";
  }
}
