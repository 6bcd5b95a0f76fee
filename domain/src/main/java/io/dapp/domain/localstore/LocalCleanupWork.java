package io.dapp.domain.localstore;

import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.Stage;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.CollectedGarbage;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.GarbageCollection;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.port.MountDirectories;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.StoreReference;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.WorkResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code dapp dimg flush local}, {@code dimg stages cleanup local} and {@code dimg stages flush local}: the
 * project's references the command selects are removed from the local store, then every blob no reference
 * reaches. Everything is decided before anything is removed; nothing talks to a registry.
 *
 * <p>Unreferenced blobs and leftover temporary files written within the {@link #GRACE} period are kept:
 * another dapp process may be writing the store (a build writes layers before it names its image, a pull
 * its blobs before it tags them), and a blob it wrote or found a moment ago is not garbage yet.
 */
public final class LocalCleanupWork implements RegistryWork {

  /** How recent an unreferenced blob may be and still be collected: longer than a build or pull takes. */
  public static final Duration GRACE = Duration.ofHours(1);

  private final LocalCleanupKind kind;
  private final BuildWork build;
  private final Dappfiles dappfiles;
  private final LocalImageStores stores;
  private final RootFilesystems rootFilesystems;
  private final MountDirectories mounts;
  private final Clock clock;

  /**
   * @param build computes the current stage chains; its builder's base image fetcher should be
   *     {@link OfflineBaseImages}, so that nothing talks to a registry
   */
  /**
   * @param rootFilesystems what shell stages unpacked for the store: kept only for the layers of images the
   *     store still names once it is cleaned
   * @param mounts the project's build_dirs: {@code dimg stages flush local} removes them with the stages
   */
  public LocalCleanupWork(LocalCleanupKind kind, BuildWork build, Dappfiles dappfiles, LocalImageStores stores,
      RootFilesystems rootFilesystems, MountDirectories mounts, Clock clock) {
    this.kind = Objects.requireNonNull(kind, "'kind' must not be null");
    this.build = Objects.requireNonNull(build, "'build' must not be null");
    this.dappfiles = Objects.requireNonNull(dappfiles, "'dappfiles' must not be null");
    this.stores = Objects.requireNonNull(stores, "'stores' must not be null");
    this.rootFilesystems = Objects.requireNonNull(rootFilesystems, "'rootFilesystems' must not be null");
    this.mounts = Objects.requireNonNull(mounts, "'mounts' must not be null");
    this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
  }

  @Override
  public WorkResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session, Console console)
      throws DappException {
    LocalCleanupOptions options = invocation.commandOptions().find(LocalCleanupOptions.class)
        .orElse(LocalCleanupOptions.DEFAULT);
    BuildOptions buildOptions = invocation.buildOptions();
    Optional<LocalImageStore> existing = stores.openExisting(buildOptions.store());
    if (existing.isEmpty()) {
      console.info("no local image store at " + buildOptions.store().map(Path::toString)
          .orElse("$DAPP_STORE or ~/.dapp/store") + ": nothing to clean");
      return WorkResult.DONE;
    }
    LocalImageStore store = existing.get();
    ProjectId project = build.projectId(invocation.projectDirectory());
    Set<String> dimgImageNames = new HashSet<>();
    for (Dimg dimg : dappfiles.read(invocation.projectDirectory()).dimgs()) {
      dimgImageNames.add(dimg.imageName());
    }
    Set<String> currentStages = new HashSet<>();
    if (kind.keepsCurrentStages()) {
      for (List<Stage> chain : build.walkStoringNothing(invocation, session.dockerConfig(), console).values()) {
        chain.forEach(stage -> currentStages.add(stage.signature().stageTag()));
      }
    }
    LocalCleanupPlan plan = LocalCleanupPlan.of(kind, store.references(), project, dimgImageNames, currentStages,
        buildOptions.platform(), store);
    if (!options.quiet()) {
      console.info("project " + project + ", store " + store.location());
      plan.notes().forEach(console::info);
    }
    Instant writtenBefore = clock.instant().minus(GRACE);
    if (options.dryRun()) {
      plan.removals().forEach(removal -> report(console, options, "would untag", removal));
      CollectedGarbage garbage = store.collectGarbage(GarbageCollection.preview(writtenBefore, plan.names()));
      console.info("dry run: would remove " + summary(plan.removals().size(), garbage, ", freeing ")
          + "; nothing was changed");
      return WorkResult.DONE;
    }
    int untagged = 0;
    for (Removal removal : plan.removals()) {
      Optional<Descriptor> removed = store.untag(removal.reference().name());
      if (removed.isPresent()) {
        untagged++;
        report(console, options, "untagged", removal);
      } else {
        console.debug(removal.reference().name() + " was already gone");
      }
    }
    CollectedGarbage garbage = store.collectGarbage(GarbageCollection.removing(writtenBefore));
    console.info("removed " + summary(untagged, garbage, ": freed "));
    removeUnusedRootFilesystems(store, console);
    if (kind == LocalCleanupKind.STAGES_FLUSH) {
      int removed = mounts.removeBuildDirectories(project, store);
      if (removed > 0) {
        console.info("removed " + count(removed, "build_dir") + " of the project's mounts");
      }
    }
    return WorkResult.DONE;
  }

  /** What shell stages unpacked for layers no image of the store has any more goes too. */
  private void removeUnusedRootFilesystems(LocalImageStore store, Console console) throws DappException {
    Set<Digest> kept = new HashSet<>();
    for (StoreReference reference : store.references()) {
      try {
        kept.addAll(store.readImage(reference.manifest().digest()).config().diffIds());
      } catch (OperationFailedException notAnImage) {
        // an index or a damaged image names no layer a stage could run on
      }
    }
    OptionalInt removed = rootFilesystems.removeUnused(store, kept);
    if (removed.isEmpty()) {
      console.info("kept the unpacked layers of shell stages: a build is using them");
    } else if (removed.getAsInt() > 0) {
      console.info("removed " + count(removed.getAsInt(), "unpacked layer") + " of shell stages");
    }
  }

  private static void report(Console console, LocalCleanupOptions options, String verb, Removal removal) {
    if (!options.quiet()) {
      console.info(verb + " " + removal.reference().name() + " (" + removal.reason() + ")");
    }
  }

  /** {@code 3 references, 7 blobs (12.4 MB) and 1 temporary file (1.00 kB): freed 12.4 MB; kept ...}. */
  private static String summary(int references, CollectedGarbage garbage, String freed) {
    String text = count(references, "reference") + ", " + count(garbage.blobs(), "blob") + " ("
        + ByteSize.of(garbage.blobBytes()) + ") and " + count(garbage.temporaryFiles(), "temporary file") + " ("
        + ByteSize.of(garbage.temporaryBytes()) + ")" + freed + ByteSize.of(garbage.bytesFreed());
    if (garbage.recentBlobsKept() > 0) {
      text += "; kept " + count(garbage.recentBlobsKept(), "unreferenced blob") + " ("
          + ByteSize.of(garbage.recentBytesKept()) + ") written in the last " + GRACE.toMinutes()
          + " minutes: another dapp may be about to name them";
    }
    return text;
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
