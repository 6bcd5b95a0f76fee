package io.dapp.domain.build;

import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.ImageSpec;
import io.dapp.domain.dappfile.Import;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.DappException;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LayerContents;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.StageRunners;
import io.dapp.domain.registry.RegistryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds one dimg or artifact, stage by stage, in the original dapp's order: {@code from},
 * {@code before_install}, the imports before install, the git archive and the patch before install,
 * {@code install}, the patch before before_setup, the imports after install, {@code before_setup}, the
 * imports before setup, the patch before setup, {@code setup}; then for a dimg the patch after setup, the
 * imports after setup, the latest patch and {@code docker}; for an artifact the imports after setup, the
 * patch before build_artifact and {@code build_artifact} (see {@link GitStages}). A stage with nothing to do
 * is no stage. Each stage's signature covers its inputs and its parent's signature, so a changed file or command
 * rebuilds its stage and every stage after it, and nothing before it.
 */
public final class DimgBuilder {

  private final BaseImageResolver baseImages;
  private final LayerArchiver archiver;
  private final ImageFileReader imageFiles;
  private final GitStages git;
  private final Optional<StageRunners> runners;
  private final Optional<UserStageBuilder> userStages;
  private final ImportStages imports;

  /** A builder that runs shell stages in root filesystems these ports make and isolate. */
  public DimgBuilder(BaseImageFetcher fetcher, LayerArchiver archiver, ImageFileReader imageFiles,
      LayerContents layerContents, ShellStagePorts shell) {
    this.baseImages = new BaseImageResolver(fetcher);
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
    this.imageFiles = Objects.requireNonNull(imageFiles, "'imageFiles' must not be null");
    this.git = new GitStages(archiver, layerContents, imageFiles);
    this.runners = Optional.of(shell.runners());
    this.userStages = Optional.of(new UserStageBuilder(shell, archiver));
    this.imports = new ImportStages(shell.rootFilesystems(), archiver, imageFiles);
  }

  /**
   * A builder that only walks stages (the local cleaning commands): building a shell stage is a programming
   * error. It still reads the files an import copies from its artifact, in {@code rootFilesystems}, since
   * an import stage's signature is what they are.
   */
  public DimgBuilder(BaseImageFetcher fetcher, LayerArchiver archiver, ImageFileReader imageFiles,
      LayerContents layerContents, RootFilesystems rootFilesystems) {
    this.baseImages = new BaseImageResolver(fetcher);
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
    this.imageFiles = Objects.requireNonNull(imageFiles, "'imageFiles' must not be null");
    this.git = new GitStages(archiver, layerContents, imageFiles);
    this.runners = Optional.empty();
    this.userStages = Optional.empty();
    this.imports = new ImportStages(rootFilesystems, archiver, imageFiles);
  }

  /**
   * Where one build works: the project's files, the store, the platform and the BUILD docker config; the
   * project is recorded on every reference the build makes in the store.
   */
  public record Context(ProjectSnapshot source, LocalImageStore store, Platform platform, DockerConfig dockerConfig,
      RegistryOptions registryOptions, Console console, ProjectId project, ShellSettings shell,
      BuiltArtifacts artifacts) {

    public Context {
      Objects.requireNonNull(source, "'source' must not be null");
      Objects.requireNonNull(store, "'store' must not be null");
      Objects.requireNonNull(platform, "'platform' must not be null");
      Objects.requireNonNull(dockerConfig, "'dockerConfig' must not be null");
      Objects.requireNonNull(registryOptions, "'registryOptions' must not be null");
      Objects.requireNonNull(console, "'console' must not be null");
      Objects.requireNonNull(project, "'project' must not be null");
      Objects.requireNonNull(shell, "'shell' must not be null");
      Objects.requireNonNull(artifacts, "'artifacts' must not be null");
    }

    /** Shell stages run as they do by default; no artifact is built yet. */
    public Context(ProjectSnapshot source, LocalImageStore store, Platform platform, DockerConfig dockerConfig,
        RegistryOptions registryOptions, Console console, ProjectId project) {
      this(source, store, platform, dockerConfig, registryOptions, console, project, ShellSettings.DEFAULT,
          new BuiltArtifacts());
    }
  }

  /**
   * Builds {@code dimg} and tags its final image with its name. The artifacts it imports from, {@code imported}
   * (directly or through each other), must be built into {@code context} first ({@link #build(Artifact, Context)}).
   */
  public BuiltDimg build(Dimg dimg, List<Artifact> imported, Context context) throws DappException {
    List<Stage> stages = stages(dimg, context, new StageCache(context.store(), context.console(), false, false,
        context.project().annotations()));
    Stage stage = stages.get(stages.size() - 1);
    StageImage last = StageImage.of(stage.image());
    StageImage labelled = StageCache.dimgLabelled(last, stage.signature(), dimg.name());
    StoredImage image = context.store().putImage(labelled.config(), labelled.layers());
    context.store().tag(dimg.imageName(), image.manifestDescriptor(), context.project().annotations());
    return new BuiltDimg(dimg, stages, image,
        context.artifacts().stagesOf(imported.stream().map(Artifact::name).toList()));
  }

  /** Builds {@code artifact} into the stage cache (never tagged) and records it in {@code context} for its importers. */
  public List<Stage> build(Artifact artifact, Context context) throws DappException {
    List<Stage> stages = stages(artifact, context, new StageCache(context.store(), context.console(), false, false,
        context.project().annotations()));
    context.artifacts().add(artifact.name(), stages, true);
    return stages;
  }

  /**
   * The stages of a dimg or artifact, first to last, without building any but its first: a stage the store
   * lacks is reported with {@code cached() == false} and its parent's image. The signatures are those a build
   * would give (a git stage's owner names are read from the nearest stage the store has). An import of an
   * artifact whose last stage is not in the store ends the chain: what it would copy is not known; so does an
   * owner name that the nearest stage the store has lacks, when a stage after it that may add it is missing.
   * An artifact's walk is recorded in {@code context} for its importers.
   */
  public List<Stage> walk(ImageSpec spec, Context context) throws DappException {
    return recorded(spec, context, stages(spec, context, new StageCache(context.store(), context.console(), true)));
  }

  /**
   * The stages of a dimg or artifact as {@link #walk} gives them, storing nothing at all: a missing first
   * stage stands on its image as encoded, not stored. The local cleaning commands read the store so, and
   * never write it.
   */
  public List<Stage> walkStoringNothing(ImageSpec spec, Context context) throws DappException {
    return recorded(spec, context, stages(spec, context,
        new StageCache(context.store(), context.console(), true, true, Map.of())));
  }

  private static List<Stage> recorded(ImageSpec spec, Context context, List<Stage> stages) {
    if (spec instanceof Artifact artifact) {
      context.artifacts().add(artifact.name(), stages, stages.stream().allMatch(Stage::cached));
    }
    return stages;
  }

  private List<Stage> stages(ImageSpec spec, Context context, StageCache cache) throws DappException {
    String subject = spec.subject();
    List<Stage> stages = new ArrayList<>();

    Optional<UserStageBuilder.Run> run = runners.map(r -> new UserStageBuilder.Run(new ShellRuntime(r,
        context.shell().options(), context.shell().environmentRuntime(), context.console()),
        context.shell().options(), context.shell().sourceDateEpoch(), context.console(), context.store(),
        context.project()));
    GitStages.Track git = this.git.track(spec, context, cache);
    Stage stage = fromStage(spec, context, cache, subject);
    stages.add(stage);
    stage = userStage(spec, UserStage.BEFORE_INSTALL, stage, run, cache, subject, stages);
    Optional<Stage> imported = importStage(spec, Import.Position.BEFORE_INSTALL, stage, context, cache, stages);
    if (imported.isEmpty()) {
      return stages;
    }
    Optional<Stage> archived = git.archive(imported.get(), stages);
    if (archived.isEmpty()) {
      return stages;
    }
    stage = git.patch(GitStages.Point.BEFORE_INSTALL, archived.get(), stages);
    stage = userStage(spec, UserStage.INSTALL, stage, run, cache, subject, stages);
    stage = git.patch(GitStages.Point.BEFORE_BEFORE_SETUP, stage, stages);
    imported = importStage(spec, Import.Position.AFTER_INSTALL, stage, context, cache, stages);
    if (imported.isEmpty()) {
      return stages;
    }
    stage = userStage(spec, UserStage.BEFORE_SETUP, imported.get(), run, cache, subject, stages);
    imported = importStage(spec, Import.Position.BEFORE_SETUP, stage, context, cache, stages);
    if (imported.isEmpty()) {
      return stages;
    }
    stage = git.patch(GitStages.Point.BEFORE_SETUP, imported.get(), stages);
    stage = userStage(spec, UserStage.SETUP, stage, run, cache, subject, stages);
    if (spec instanceof Artifact) {
      // An artifact's files are refreshed only by its stage dependencies, as in the original.
      imported = importStage(spec, Import.Position.AFTER_SETUP, stage, context, cache, stages);
      if (imported.isEmpty()) {
        return stages;
      }
      stage = git.patch(GitStages.Point.BEFORE_BUILD_ARTIFACT, imported.get(), stages);
      userStage(spec, UserStage.BUILD_ARTIFACT, stage, run, cache, subject, stages);
      return stages;
    }
    stage = git.patch(GitStages.Point.AFTER_SETUP, stage, stages);
    imported = importStage(spec, Import.Position.AFTER_SETUP, stage, context, cache, stages);
    if (imported.isEmpty()) {
      return stages;
    }
    stage = git.patch(GitStages.Point.LATEST, imported.get(), stages);
    if (!spec.docker().equals(DockerInstructions.NONE)) {
      stage = dockerStage(spec.docker(), stage, cache, subject);
      stages.add(stage);
    }
    return stages;
  }

  /** The imports at {@code position}, as a stage added to {@code stages} when there are any; see {@link ImportStages}. */
  private Optional<Stage> importStage(ImageSpec spec, Import.Position position, Stage parent, Context context,
      StageCache cache, List<Stage> stages) throws DappException {
    if (spec.imports().stream().noneMatch(i -> i.position() == position)) {
      return Optional.of(parent);
    }
    Optional<Stage> stage = imports.stage(spec, position, parent, context, cache);
    stage.ifPresent(stages::add);
    return stage;
  }

  private Stage fromStage(ImageSpec dimg, Context context, StageCache cache, String subject) throws DappException {
    Optional<StoredImage> base = baseImages.resolve(dimg.from(), context.platform(), context.dockerConfig(),
        context.registryOptions(), context.store(), context.console().transfers(), context.console());
    StageSignature signature = StageSignature.of("from", Optional.empty())
        .field("base", base.map(b -> b.manifestDescriptor().digest().toString()).orElse("scratch"))
        .field("platform", context.platform().toString())
        .build();
    String description = "from " + dimg.from() + base.map(b -> " (" + b.manifestDescriptor().digest() + ")").orElse("");
    return cache.stage(subject, description, signature, Optional.empty(), () -> base.map(StageImage::of)
        .orElseGet(() -> new StageImage(ImageConfig.scratch(context.platform()), List.of())));
  }

  /**
   * The stage of {@code userStage}'s commands on {@code parent}, added to {@code stages}; {@code parent}
   * itself when the stage has no commands (no stage, no layer, no image).
   */
  private Stage userStage(ImageSpec dimg, UserStage userStage, Stage parent, Optional<UserStageBuilder.Run> run,
      StageCache cache, String subject, List<Stage> stages) throws DappException {
    List<String> commands = dimg.shell().commands(userStage);
    if (commands.isEmpty()) {
      return parent;
    }
    StageSignature signature = StageSignature.of(userStage.stageName(), Optional.of(parent.signature()))
        .field("commands", commands)
        .field("cacheVersion", dimg.shell().cacheVersion())
        .field("stageCacheVersion", dimg.shell().stageCacheVersion(userStage))
        .field("shell", "/bin/sh -e -c")
        .field("user", UserStageBuilder.UID + ":" + UserStageBuilder.GID)
        .field("workdir", UserStageBuilder.WORKING_DIRECTORY)
        .field("env", UserStageBuilder.environment(parent.image().config().config()))
        .build();
    String description = userStage.stageName() + " (" + commands.size() + (commands.size() == 1 ? " command)"
        : " commands)");
    Stage stage = cache.stage(subject, description, signature, Optional.of(parent), () -> userStages
        .orElseThrow(() -> new IllegalStateException("this builder only walks stages"))
        .build(dimg.describe(), dimg.outputPrefix(userStage.stageName()), userStage, commands, dimg.mounts(),
            StageImage.of(parent.image()), signature.toString(), run.orElseThrow()));
    stages.add(stage);
    return stage;
  }

  private Stage dockerStage(DockerInstructions docker, Stage parent, StageCache cache, String subject)
      throws DappException {
    StageSignature signature = StageSignature.of("docker", Optional.of(parent.signature()))
        .field("instructions", docker.canonical())
        .build();
    return cache.stage(subject, "docker", signature, Optional.of(parent), () -> {
      ImageConfig config = parent.image().config();
      ImageConfig next = config.next(DockerConfigChange.apply(config.config(), docker), Optional.empty(),
          DockerConfigChange.describe(docker), "dapp stage " + signature);
      return new StageImage(next, parent.image().layers());
    });
  }
}
