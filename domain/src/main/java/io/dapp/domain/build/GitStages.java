package io.dapp.domain.build;

import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.ImageSpec;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LayerContents;
import io.dapp.domain.port.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The git stages of a chain, as the original dapp made them: an <b>archive</b> of every git entry's files,
 * whose signature names the entries' settings and not the files, so a later commit does not rebuild it;
 * then <b>patches</b>: the files that changed since the image's git stages were made, changed files and
 * whiteouts for deleted ones, so a one-line change costs a layer of one file.
 *
 * <ul>
 *   <li>Before install, before setup and setup (and an artifact's build_artifact), a patch whose signature
 *       names the files the entries' {@code stageDependencies} give for that stage, and its commands: when
 *       none of those files changed it stays cached (with what it held) and so does the stage after it;
 *       when one did, it brings every changed file, and the stage after it runs on them.</li>
 *   <li>After setup (dimgs), a patch named by how many MiB changed since (it absorbs a large change, so the
 *       latest patch stays small).</li>
 *   <li>Last (dimgs), the latest patch: there when the files changed since the last git stage, named by
 *       what the files are now.</li>
 * </ul>
 * Each git stage's labels say what its files are ({@code dapp-git-state}) and from which commit. What a
 * cached stage holds is read from the stages' own layers, so a runner that pulled them patches too.
 */
final class GitStages {

  /** One MiB: the post-setup patch is rebuilt each time the changes since the archive grow past another one. */
  static final long PATCH_SIZE_STEP = 1024 * 1024;

  /** Where a patch goes in the stage order. */
  enum Point {
    BEFORE_INSTALL("g_a_pre_install_patch", "git patch before install", Optional.of(UserStage.INSTALL)),
    BEFORE_BEFORE_SETUP("g_a_post_install_patch", "git patch before before_setup",
        Optional.of(UserStage.BEFORE_SETUP)),
    BEFORE_SETUP("g_a_pre_setup_patch", "git patch before setup", Optional.of(UserStage.SETUP)),
    BEFORE_BUILD_ARTIFACT("g_a_artifact_patch", "git patch before build_artifact",
        Optional.of(UserStage.BUILD_ARTIFACT)),
    AFTER_SETUP("g_a_post_setup_patch", "git patch after setup", Optional.empty()),
    LATEST("g_a_latest_patch", "git latest patch", Optional.empty());

    private final String stageName;
    private final String description;
    private final Optional<UserStage> before;

    Point(String stageName, String description, Optional<UserStage> before) {
      this.stageName = stageName;
      this.description = description;
      this.before = before;
    }
  }

  private final LayerArchiver archiver;
  private final LayerContents contents;
  private final ImageFileReader imageFiles;

  GitStages(LayerArchiver archiver, LayerContents contents, ImageFileReader imageFiles) {
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
    this.contents = Objects.requireNonNull(contents, "'contents' must not be null");
    this.imageFiles = Objects.requireNonNull(imageFiles, "'imageFiles' must not be null");
  }

  /** What one chain's git stages hold, stage after stage. */
  final class Track {

    private final ImageSpec spec;
    private final DimgBuilder.Context context;
    private final StageCache cache;
    private GitFiles now;
    private String heldDigest;
    /** What the git stages hold, path by path, when this run knows it without reading their layers. */
    private Map<String, LayerContents.File> held;
    private final List<Layer> gitLayers = new ArrayList<>();
    private Map<String, LayerContents.File> nowAsHeld;

    private Track(ImageSpec spec, DimgBuilder.Context context, StageCache cache) {
      this.spec = spec;
      this.context = context;
      this.cache = cache;
    }

    /**
     * The archive of every git entry on {@code parent}: {@code parent} itself when there are none; empty in a
     * walk where an owner's name is not a user of the image {@code parent} stands on (the stage that adds it
     * is not in the store, so its ids are not known: the chain ends here).
     */
    Optional<Stage> archive(Stage parent, List<Stage> stages) throws DappException {
      if (spec.git().isEmpty()) {
        return Optional.of(parent);
      }
      List<Layer> parentLayers = parent.image().layers();
      List<GitLayerContent> entries = new ArrayList<>();
      StageSignature.Builder signature = StageSignature.of("g_a_archive", Optional.of(parent.signature()));
      for (GitMapping mapping : spec.git()) {
        List<SourceFile> files = context.source().files(mapping.sourceDirectory());
        if (files.isEmpty()) {
          throw new InvalidInputException(spec.describe() + ": git add " + mapping.add() + ": no such path"
              + context.source().commit().map(c -> " in commit " + c.substring(0, Math.min(12, c.length()))
                  + " (is it committed?)").orElse(" in the project directory"));
        }
        Ownership owner;
        try {
          owner = Ownership.of(mapping, () -> UserDatabase.parse(
              imageFiles.read(parentLayers, "etc/passwd", context.store()),
              imageFiles.read(parentLayers, "etc/group", context.store())), spec.describe());
        } catch (InvalidInputException unknownName) {
          if (cache.standsIn(parent)) {
            return Optional.empty();
          }
          throw unknownName;
        }
        GitLayerContent content = GitLayerContent.of(mapping, files, owner, spec.describe());
        content.emptyWarning(mapping).ifPresent(w -> context.console().warn(spec.subject() + ": " + w));
        entries.add(content);
        signature.field("add", mapping.add())
            .field("to", mapping.to())
            .field("includePaths", mapping.includePaths())
            .field("excludePaths", mapping.excludePaths())
            .field("owner", Ownership.describe(mapping))
            .field("ids", owner.uid() + ":" + owner.gid());
      }
      now = GitFiles.of(spec.git(), entries);
      String mappings = spec.git().stream().map(m -> m.add() + " -> " + m.to()).collect(Collectors.joining(", "));
      StageSignature signed = signature.build();
      // Not the file count: a cached archive holds the files of when it was made, not those of now.
      Stage stage = cache.stage(spec.subject(), "git archive " + mappings, signed, Optional.of(parent), ownLabels(),
          () -> {
            context.console().debug(spec.subject() + ": g_a_archive: " + now.fileCount() + " files");
            Layer layer = archiver.archive(now.entries(), context.store());
            ImageConfig config = parent.image().config();
            return StageImage.of(parent.image()).plus(layer, config.next(config.config(),
                Optional.of(layer.diffId()), "dapp git archive " + mappings, "dapp stage " + signed));
          });
      held(stage, parent);
      stages.add(stage);
      return Optional.of(stage);
    }

    /** The patch at {@code point} on {@code parent}, when there is one there; else {@code parent} itself. */
    Stage patch(Point point, Stage parent, List<Stage> stages) throws DappException {
      if (now == null) {
        return parent; // no git entries
      }
      StageSignature.Builder signature = StageSignature.of(point.stageName, Optional.of(parent.signature()));
      if (point.before.isPresent()) {
        UserStage before = point.before.get();
        if (spec.shell().commands(before).isEmpty() && !now.hasDependencies(before)) {
          return parent;
        }
        signature.field("dependencies", now.dependencies(before).toString())
            .field("commands", spec.shell().commands(before));
      } else if (point == Point.AFTER_SETUP) {
        long step = heldDigest.equals(now.digest().toString()) ? 0
            : GitPatch.between(held(), now).changedBytes() / PATCH_SIZE_STEP;
        if (step == 0) {
          return parent;
        }
        signature.field("changed MiB", Long.toString(step));
      } else {
        if (heldDigest.equals(now.digest().toString())) {
          return parent;
        }
        signature.field("files", now.digest().toString());
      }
      StageSignature signed = signature.build();
      GitPatch[] made = new GitPatch[1];
      Stage stage = cache.stage(spec.subject(), point.description, signed, Optional.of(parent), ownLabels(), () -> {
        GitPatch patch = GitPatch.between(held(), now);
        made[0] = patch;
        ImageConfig config = parent.image().config();
        String createdBy = "dapp " + point.description + ": " + patch.summary();
        if (patch.isEmpty()) {
          return new StageImage(config.next(config.config(), Optional.empty(), createdBy, "dapp stage " + signed),
              parent.image().layers());
        }
        Layer layer = archiver.archive(patch.entries(), context.store());
        return StageImage.of(parent.image()).plus(layer, config.next(config.config(), Optional.of(layer.diffId()),
            createdBy, "dapp stage " + signed));
      });
      if (made[0] != null) {
        context.console().debug(spec.subject() + ": " + point.stageName + ": " + made[0].summary());
      }
      held(stage, parent);
      stages.add(stage);
      return stage;
    }

    private Map<String, String> ownLabels() {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(DappLabels.GIT_STATE, now.digest().toString());
      context.source().commit().ifPresent(commit -> labels.put(DappLabels.GIT_COMMIT, commit));
      return labels;
    }

    /**
     * After a git stage: a stage found in the store holds what its label says, readable from its layer; one
     * built now (or, in a walk, one that would be) holds the files as they are now.
     */
    private void held(Stage stage, Stage parent) {
      boolean ownLayer = stage.image().layers().size() > parent.image().layers().size();
      if (stage.cached()) {
        heldDigest = stage.image().config().config().labels().getOrDefault(DappLabels.GIT_STATE, "(unknown)");
        held = null;
        if (ownLayer) {
          gitLayers.add(stage.image().layers().get(stage.image().layers().size() - 1));
        }
        return;
      }
      heldDigest = now.digest().toString();
      held = nowAsHeld();
      if (ownLayer) {
        gitLayers.add(stage.image().layers().get(stage.image().layers().size() - 1));
      }
    }

    /** The project's files now, as git stages made now hold them. */
    private Map<String, LayerContents.File> nowAsHeld() {
      if (nowAsHeld == null) {
        nowAsHeld = new HashMap<>();
        for (LayerEntry entry : now.entries()) {
          nowAsHeld.put(entry.path(), file(entry, now));
        }
      }
      return nowAsHeld;
    }

    /** What the git stages hold: known, or read from their layers (whiteouts and opaque markers applied). */
    private Map<String, LayerContents.File> held() throws DappException {
      if (held != null) {
        return held;
      }
      Map<String, LayerContents.File> state = new HashMap<>();
      for (Layer layer : gitLayers) {
        List<LayerContents.File> files = contents.files(layer, context.store());
        for (LayerContents.File file : files) {
          if (file.kind() == LayerEntry.Kind.WHITEOUT) {
            state.keySet().removeIf(path -> path.equals(file.path()) || path.startsWith(file.path() + "/"));
          } else if (file.kind() == LayerEntry.Kind.OPAQUE) {
            state.keySet().removeIf(path -> path.startsWith(file.path() + "/"));
          }
        }
        for (LayerContents.File file : files) {
          if (file.kind() != LayerEntry.Kind.WHITEOUT && file.kind() != LayerEntry.Kind.OPAQUE) {
            state.put(file.path(), file);
          }
        }
      }
      held = state;
      return held;
    }
  }

  Track track(ImageSpec spec, DimgBuilder.Context context, StageCache cache) {
    return new Track(spec, context, cache);
  }

  /** An entry of the project now, as a layer would list it, with the identity of its bytes the build found. */
  private static LayerContents.File file(LayerEntry entry, GitFiles now) {
    Optional<ContentFingerprint> known = Optional.ofNullable(now.identity(entry.path()));
    Optional<ContentFingerprint> sha256 = known.filter(f -> f.kind() == ContentFingerprint.Kind.SHA256);
    Optional<ContentFingerprint> gitBlob = known.filter(f -> f.kind() == ContentFingerprint.Kind.GIT_BLOB_SHA1);
    return new LayerContents.File(entry.path(), entry.kind(), entry.mode(), entry.uid(), entry.gid(),
        entry.linkTarget(), entry.size(), sha256, gitBlob);
  }
}
