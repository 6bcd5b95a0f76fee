package io.dapp.domain.build;

import io.dapp.domain.dappfile.ImageSpec;
import io.dapp.domain.dappfile.Import;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.RootFilesystem;
import io.dapp.domain.port.RootFilesystems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stages that copy files from artifacts ({@code import}), one per place in the stage order: before or
 * after install, before or after setup. The files come from the artifact's final filesystem; the stage's
 * signature covers what they are (not how the artifact made them) and the imports' settings.
 */
final class ImportStages {

  private final RootFilesystems rootFilesystems;
  private final LayerArchiver archiver;
  private final ImageFileReader imageFiles;

  ImportStages(RootFilesystems rootFilesystems, LayerArchiver archiver, ImageFileReader imageFiles) {
    this.rootFilesystems = Objects.requireNonNull(rootFilesystems, "'rootFilesystems' must not be null");
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
    this.imageFiles = Objects.requireNonNull(imageFiles, "'imageFiles' must not be null");
  }

  /**
   * The stage of {@code spec}'s imports at {@code position} on {@code parent}: {@code parent} itself when it
   * has none there; empty when an artifact it imports from is not built (a walk that builds nothing cannot
   * know what its files are, so the chain ends here), or in a walk where an owner's name is not a user of the
   * image {@code parent} stands on (the stage that adds it is not in the store).
   */
  Optional<Stage> stage(ImageSpec spec, Import.Position position, Stage parent, DimgBuilder.Context context,
      StageCache cache) throws DappException {
    List<Import> imports = spec.imports().stream().filter(i -> i.position() == position).toList();
    if (imports.isEmpty()) {
      return Optional.of(parent);
    }
    Map<String, Stage> artifacts = new LinkedHashMap<>();
    for (Import imported : imports) {
      Optional<Stage> artifact = context.artifacts().lastStage(imported.artifact());
      if (artifact.isEmpty()) {
        return Optional.empty();
      }
      artifacts.put(imported.artifact(), artifact.get());
    }
    List<RootFilesystem> open = new ArrayList<>();
    try {
      Map<String, RootFilesystem> roots = new LinkedHashMap<>();
      for (Map.Entry<String, Stage> artifact : artifacts.entrySet()) {
        RootFilesystem root = rootFilesystems.open(artifact.getValue().image().layers(), context.store());
        open.add(root);
        roots.put(artifact.getKey(), root);
      }
      UserDatabaseOnce users = new UserDatabaseOnce(() -> UserDatabase.parse(
          imageFiles.read(parent.image().layers(), "etc/passwd", context.store()),
          imageFiles.read(parent.image().layers(), "etc/group", context.store())));
      List<ImportContent> contents = new ArrayList<>();
      StageSignature.Builder signature = StageSignature.of(position.stageName(), Optional.of(parent.signature()));
      for (Import imported : imports) {
        RootFilesystem root = roots.get(imported.artifact());
        List<LayerEntry> found = root.files(imported.add());
        if (found.isEmpty()) {
          throw new OperationFailedException(spec.describe() + ": " + imported.describe() + ": the artifact has no "
              + imported.add());
        }
        Optional<Ownership> owner;
        try {
          owner = Ownership.of(imported.owner(), imported.group(), users::get, spec.describe());
        } catch (InvalidInputException unknownName) {
          if (cache.standsIn(parent)) {
            return Optional.empty(); // the stage that adds the name is not in the store: its ids are not known
          }
          throw unknownName;
        }
        ImportContent content = ImportContent.of(imported, found, root.hasFile(imported.add()), owner,
            imported.artifact());
        contents.add(content);
        signature.field("artifact", imported.artifact())
            .field("add", imported.add())
            .field("to", imported.to())
            .field("includePaths", imported.includePaths())
            .field("excludePaths", imported.excludePaths())
            .field("owner", Ownership.describe(imported.owner(), imported.group()))
            .field("ids", owner.map(o -> o.uid() + ":" + o.gid()).orElse("-"))
            .field("content", content.digest().toString());
      }
      StageSignature signed = signature.build();
      Set<String> imported = new LinkedHashSet<>();
      artifacts.values().forEach(stage -> imported.add(stage.signature().toString()));
      String description = position.stageName() + " (" + contents.stream()
          .map(c -> c.imported().artifact() + " " + c.imported().add() + " -> " + c.imported().to() + ", "
              + c.fileCount() + " files")
          .collect(Collectors.joining("; ")) + ")";
      return Optional.of(cache.stage(spec.subject(), description, signed, Optional.of(parent),
          Map.of(DappLabels.IMPORTED_STAGE_SIGNATURES, String.join(" ", imported)), () -> {
            // Several imports at one place: one layer; a path two of them name is the later one's.
            TreeMap<String, LayerEntry> merged = new TreeMap<>();
            contents.forEach(content -> content.entries().forEach(entry -> merged.put(entry.path(), entry)));
            List<LayerEntry> entries = LayerChanges.of(List.copyOf(merged.values()), List.of(),
                context.shell().sourceDateEpoch());
            Layer layer = archiver.archive(entries, context.store());
            ImageConfig config = parent.image().config();
            ImageConfig next = config.next(config.config(), Optional.of(layer.diffId()), "dapp " + description,
                "dapp stage " + signed);
            return StageImage.of(parent.image()).plus(layer, next);
          }));
    } finally {
      open.forEach(RootFilesystem::close);
    }
  }

  /** The importing image's users, read from its layers at most once, and only when a name is looked up. */
  private static final class UserDatabaseOnce {

    private final Ownership.Users read;
    private UserDatabase users;

    UserDatabaseOnce(Ownership.Users read) {
      this.read = read;
    }

    UserDatabase get() throws OperationFailedException {
      if (users == null) {
        users = read.get();
      }
      return users;
    }
  }
}
