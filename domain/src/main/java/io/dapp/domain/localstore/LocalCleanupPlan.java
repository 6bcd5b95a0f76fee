package io.dapp.domain.localstore;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.StoreReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which references of the local store a cleaning command removes, decided before anything is removed.
 * Only references the project made are candidates (see {@link ProjectId}): stages are shared between
 * projects, so a stage another project made, or one made before dapp recorded projects, is never removed
 * here. A dimg image made before that is recognised by its name (a dimg of the dappfile) and its label
 * {@code dapp-dimg=true}; base images are never removed.
 *
 * @param notes what was kept that a user may have expected to go, one line each
 */
public record LocalCleanupPlan(List<Removal> removals, List<String> notes) {

  public LocalCleanupPlan {
    removals = List.copyOf(removals);
    notes = List.copyOf(notes);
  }

  /** The names of the references to remove. */
  public Set<String> names() {
    return Set.copyOf(removals.stream().map(r -> r.reference().name()).toList());
  }

  /**
   * @param dimgImageNames the store names of the dappfile's dimgs' images
   * @param currentStages for {@link LocalCleanupKind#STAGES_CLEANUP}, the stage references of the current
   *     stage chains, which are kept
   * @param platform the platform the chains were computed for: stages of another one are kept
   */
  static LocalCleanupPlan of(LocalCleanupKind kind, List<StoreReference> references, ProjectId project,
      Set<String> dimgImageNames, Set<String> currentStages, Platform platform, LocalImageStore store) {
    Objects.requireNonNull(kind, "'kind' must not be null");
    List<Removal> removals = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int otherPlatform = 0;
    Map<String, String> otherProjects = new TreeMap<>();
    for (StoreReference reference : references) {
      String name = reference.name();
      boolean ours = project.madeReferenceWith(reference.annotations());
      if (name.startsWith(DappLabels.STAGE_TAG_PREFIX)) {
        if (!kind.removesStages() || !ours) {
          continue;
        }
        if (!kind.keepsCurrentStages()) {
          removals.add(new Removal(reference, "stage of this project"));
          continue;
        }
        if (currentStages.contains(name)) {
          continue;
        }
        Optional<StoredImage> image = read(reference, store);
        if (image.isEmpty()) {
          removals.add(new Removal(reference, "stage of this project, damaged"));
        } else if (!platform.accepts(image.get().config().platform())) {
          otherPlatform++;
        } else {
          removals.add(new Removal(reference, "stage of this project in no current stage chain"));
        }
      } else if (kind.removesDimgImages()) {
        if (ours) {
          removals.add(new Removal(reference, "dimg image of this project"));
        } else if (dimgImageNames.contains(name)) {
          String madeBy = reference.annotations().get(ProjectId.ANNOTATION);
          if (madeBy != null) {
            otherProjects.put(name, madeBy);
          } else if (isDimgImage(reference, store)) {
            removals.add(new Removal(reference, "dimg image named after a dimg of the dappfile"));
          }
        }
      }
    }
    if (otherPlatform > 0) {
      notes.add("kept " + otherPlatform + " stage(s) built for a platform other than " + platform
          + " (see --platform)");
    }
    otherProjects.forEach((name, madeBy) -> notes.add("kept '" + name + "': it was built by project " + madeBy));
    return new LocalCleanupPlan(removals, notes);
  }

  /** An image labelled {@code dapp-dimg=true}: dapp built it as a dimg's final image. */
  private static boolean isDimgImage(StoredImage image) {
    return "true".equals(image.config().config().labels().get(DappLabels.DIMG));
  }

  private static boolean isDimgImage(StoreReference reference, LocalImageStore store) {
    return read(reference, store).map(LocalCleanupPlan::isDimgImage).orElse(false);
  }

  /** The image a reference points at; empty when it is damaged or not an image dapp can read. */
  private static Optional<StoredImage> read(StoreReference reference, LocalImageStore store) {
    try {
      return Optional.of(store.readImage(reference.manifest().digest()));
    } catch (OperationFailedException damaged) {
      return Optional.empty();
    }
  }
}
