package io.dapp.domain.build;

import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.StageRunners;
import io.dapp.domain.port.SourceFile;
import io.dapp.domain.registry.RegistryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds one dimg, stage by stage, in the original dapp's order: {@code from}, {@code beforeInstall}, one
 * stage per {@code git} entry, {@code install}, {@code beforeSetup}, {@code setup}, then {@code docker}. A
 * user stage without commands is no stage. Each stage's signature covers its inputs and its parent's
 * signature, so a changed file or command rebuilds its stage and every stage after it, and nothing before it.
 */
public final class DimgBuilder {

  private final BaseImageResolver baseImages;
  private final LayerArchiver archiver;
  private final ImageFileReader imageFiles;
  private final Optional<StageRunners> runners;
  private final Optional<UserStageBuilder> userStages;

  /** A builder that runs shell stages in root filesystems these ports make and isolate. */
  public DimgBuilder(BaseImageFetcher fetcher, LayerArchiver archiver, ImageFileReader imageFiles,
      RootFilesystems rootFilesystems, StageRunners runners) {
    this.baseImages = new BaseImageResolver(fetcher);
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
    this.imageFiles = Objects.requireNonNull(imageFiles, "'imageFiles' must not be null");
    this.runners = Optional.of(runners);
    this.userStages = Optional.of(new UserStageBuilder(rootFilesystems, runners, archiver));
  }

  /** A builder that only walks shell stages (the local cleaning commands): building one is a programming error. */
  public DimgBuilder(BaseImageFetcher fetcher, LayerArchiver archiver, ImageFileReader imageFiles) {
    this.baseImages = new BaseImageResolver(fetcher);
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
    this.imageFiles = Objects.requireNonNull(imageFiles, "'imageFiles' must not be null");
    this.runners = Optional.empty();
    this.userStages = Optional.empty();
  }

  /**
   * Where one build works: the project's files, the store, the platform and the BUILD docker config; the
   * project is recorded on every reference the build makes in the store.
   */
  public record Context(ProjectSnapshot source, LocalImageStore store, Platform platform, DockerConfig dockerConfig,
      RegistryOptions registryOptions, Console console, ProjectId project, ShellSettings shell) {

    public Context {
      Objects.requireNonNull(source, "'source' must not be null");
      Objects.requireNonNull(store, "'store' must not be null");
      Objects.requireNonNull(platform, "'platform' must not be null");
      Objects.requireNonNull(dockerConfig, "'dockerConfig' must not be null");
      Objects.requireNonNull(registryOptions, "'registryOptions' must not be null");
      Objects.requireNonNull(console, "'console' must not be null");
      Objects.requireNonNull(project, "'project' must not be null");
      Objects.requireNonNull(shell, "'shell' must not be null");
    }

    /** Shell stages run as they do by default. */
    public Context(ProjectSnapshot source, LocalImageStore store, Platform platform, DockerConfig dockerConfig,
        RegistryOptions registryOptions, Console console, ProjectId project) {
      this(source, store, platform, dockerConfig, registryOptions, console, project, ShellSettings.DEFAULT);
    }
  }

  public BuiltDimg build(Dimg dimg, Context context) throws DappException {
    List<Stage> stages = stages(dimg, context, new StageCache(context.store(), context.console(), false, false,
        context.project().annotations()));
    Stage stage = stages.get(stages.size() - 1);
    StageImage last = StageImage.of(stage.image());
    StageImage labelled = StageCache.dimgLabelled(last, stage.signature(), dimg.name());
    StoredImage image = context.store().putImage(labelled.config(), labelled.layers());
    context.store().tag(dimg.imageName(), image.manifestDescriptor(), context.project().annotations());
    return new BuiltDimg(dimg, stages, image);
  }

  /**
   * The stages of a dimg, first to last, without building any but its first: a stage the store lacks is
   * reported with {@code cached() == false} and its parent's image. The signatures are those a build
   * would give (a git stage's owner names are read from the nearest stage the store has).
   */
  public List<Stage> walk(Dimg dimg, Context context) throws DappException {
    return stages(dimg, context, new StageCache(context.store(), context.console(), true));
  }

  /**
   * The stages of a dimg as {@link #walk} gives them, storing nothing at all: a missing first stage stands on
   * its image as encoded, not stored. The local cleaning commands read the store so, and never write it.
   */
  public List<Stage> walkStoringNothing(Dimg dimg, Context context) throws DappException {
    return stages(dimg, context, new StageCache(context.store(), context.console(), true, true, Map.of()));
  }

  private List<Stage> stages(Dimg dimg, Context context, StageCache cache) throws DappException {
    String subject = dimg.name().orElse("(nameless dimg)");
    List<Stage> stages = new ArrayList<>();

    Optional<UserStageBuilder.Run> run = runners.map(r -> new UserStageBuilder.Run(new ShellRuntime(r,
        context.shell().options(), context.shell().environmentRuntime(), context.console()),
        context.shell().options(), context.shell().sourceDateEpoch(), context.console(), context.store()));
    Stage stage = fromStage(dimg, context, cache, subject);
    stages.add(stage);
    stage = userStage(dimg, UserStage.BEFORE_INSTALL, stage, run, cache, subject, stages);
    for (GitMapping mapping : dimg.git()) {
      stage = gitStage(dimg, mapping, stage, context, cache, subject);
      stages.add(stage);
    }
    for (UserStage userStage : List.of(UserStage.INSTALL, UserStage.BEFORE_SETUP, UserStage.SETUP)) {
      stage = userStage(dimg, userStage, stage, run, cache, subject, stages);
    }
    if (!dimg.docker().equals(DockerInstructions.NONE)) {
      stage = dockerStage(dimg.docker(), stage, cache, subject);
      stages.add(stage);
    }
    return stages;
  }

  private Stage fromStage(Dimg dimg, Context context, StageCache cache, String subject) throws DappException {
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

  private Stage gitStage(Dimg dimg, GitMapping mapping, Stage parent, Context context, StageCache cache,
      String subject) throws DappException {
    String description = "git " + mapping.add() + " -> " + mapping.to();
    List<SourceFile> files = context.source().files(mapping.sourceDirectory());
    if (files.isEmpty()) {
      throw new InvalidInputException(dimg.describe() + ": git add " + mapping.add() + ": no such path"
          + context.source().commit().map(c -> " in commit " + c.substring(0, Math.min(12, c.length()))
              + " (is it committed?)").orElse(" in the project directory"));
    }
    List<Layer> parentLayers = parent.image().layers();
    Ownership owner = Ownership.of(mapping, () -> UserDatabase.parse(
        imageFiles.read(parentLayers, "etc/passwd", context.store()),
        imageFiles.read(parentLayers, "etc/group", context.store())), dimg.describe());
    GitLayerContent content = GitLayerContent.of(mapping, files, owner, dimg.describe());
    content.emptyWarning(mapping).ifPresent(w -> context.console().warn(subject + ": " + w));
    StageSignature signature = StageSignature.of("git", Optional.of(parent.signature()))
        .field("add", mapping.add())
        .field("to", mapping.to())
        .field("includePaths", mapping.includePaths())
        .field("excludePaths", mapping.excludePaths())
        .field("owner", Ownership.describe(mapping))
        .field("ids", owner.uid() + ":" + owner.gid())
        .field("content", content.digest().toString())
        .build();
    return cache.stage(subject, description + " (" + content.fileCount() + " files)", signature,
        Optional.of(parent), () -> {
      Layer layer = archiver.archive(content.entries(), context.store());
      ImageConfig config = parent.image().config();
      ImageConfig next = config.next(config.config(), Optional.of(layer.diffId()), "dapp " + description
          + Ownership.describe(mapping).map(o -> " owner " + o).orElse(""), "dapp stage " + signature);
      return StageImage.of(parent.image()).plus(layer, next);
    });
  }

  /**
   * The stage of {@code userStage}'s commands on {@code parent}, added to {@code stages}; {@code parent}
   * itself when the stage has no commands (no stage, no layer, no image).
   */
  private Stage userStage(Dimg dimg, UserStage userStage, Stage parent, Optional<UserStageBuilder.Run> run,
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
        .build(dimg.describe(), dimg.name(), userStage, commands, StageImage.of(parent.image()), signature.toString(),
            run.orElseThrow()));
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
