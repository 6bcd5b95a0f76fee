package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.LocalImageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stages in the local store, each an image tagged {@code dimgstage-<signature>}: a stage already there is
 * used as it is, any other is built and stored.
 */
final class StageCache {

  static final String DIMG_LABEL = "dapp-dimg";
  static final String SIGNATURE_LABEL = "dapp";

  /** Builds a stage's image; run only when the store lacks the stage. */
  @FunctionalInterface
  interface Producer {
    StageImage produce() throws DappException;
  }

  private final LocalImageStore store;
  private final Console console;
  private final boolean walkOnly;
  private final boolean storesNothing;
  private final Map<String, String> annotations;

  StageCache(LocalImageStore store, Console console) {
    this(store, console, false);
  }

  /**
   * A cache that, when {@code walkOnly}, builds no stage after the first: a missing stage stands on its
   * parent's image, which is enough to compute the signatures of the stages after it.
   */
  StageCache(LocalImageStore store, Console console, boolean walkOnly) {
    this(store, console, walkOnly, false, Map.of());
  }

  /**
   * @param storesNothing a walk that writes nothing at all: a missing first stage stands on its image as
   *     encoded, not stored (what the local cleaning commands need: they only read the store)
   * @param annotations recorded on the reference of each stage stored (which project made it)
   */
  StageCache(LocalImageStore store, Console console, boolean walkOnly, boolean storesNothing,
      Map<String, String> annotations) {
    this.store = store;
    this.console = console;
    this.walkOnly = walkOnly || storesNothing;
    this.storesNothing = storesNothing;
    this.annotations = Map.copyOf(annotations);
  }

  /**
   * Whether {@code parent}, in this walk, stands on the image of a stage below it: it is not in the store, so
   * what its files are (the users it adds, say) is not known yet.
   */
  boolean standsIn(Stage parent) {
    return walkOnly && !parent.cached();
  }

  Stage stage(String subject, String description, StageSignature signature, Optional<Stage> parent,
      Producer producer) throws DappException {
    return stage(subject, description, signature, parent, Map.of(), producer);
  }

  /** As {@link #stage(String, String, StageSignature, Optional, Producer)}, with labels of this stage's own. */
  Stage stage(String subject, String description, StageSignature signature, Optional<Stage> parent,
      Map<String, String> ownLabels, Producer producer) throws DappException {
    Optional<StoredImage> cached = find(subject, description, signature);
    if (cached.isPresent()) {
      if (!walkOnly) {
        console.info(subject + ": " + description + ": using cached stage " + signature.shortForm());
      }
      return new Stage(description, signature, true, cached.get());
    }
    if (walkOnly && parent.isPresent()) {
      return new Stage(description, signature, false, parent.get().image());
    }
    // Its history entry records its own labels: a later stage's image is then enough to make it again.
    StageImage produced = StageHistory.recorded(producer.produce(), signature, ownLabels);
    StageImage labelled = stageLabelled(produced, signature, parent.map(Stage::signature), ownLabels);
    if (storesNothing) {
      return new Stage(description, signature, false, store.encodeImage(labelled.config(), labelled.layers()).image());
    }
    StoredImage image = store.putImage(labelled.config(), produced.layers());
    store.tag(signature.stageTag(), image.manifestDescriptor(), annotations);
    console.info(subject + ": " + description + ": built stage " + signature.shortForm());
    return new Stage(description, signature, false, image);
  }

  /**
   * The labels of a stage: not a dimg image, its own signature and the one of the stage before it, and the
   * labels only this stage has (those of an earlier stage are not inherited).
   */
  static StageImage stageLabelled(StageImage image, StageSignature signature, Optional<StageSignature> parent,
      Map<String, String> ownLabels) {
    ContainerConfig config = image.config().config()
        .withoutLabels(List.of(DappLabels.PARENT_STAGE_SIGNATURE, DappLabels.DIMG_NAME, DappLabels.TAG_SCHEME,
            DappLabels.IMPORTED_STAGE_SIGNATURES, DappLabels.GIT_STATE, DappLabels.GIT_COMMIT))
        .withLabels(ownLabels)
        .withLabels(Map.of(
            DIMG_LABEL, "false",
            SIGNATURE_LABEL, signature.toString(),
            DappLabels.STAGE_SIGNATURE, signature.toString()));
    if (parent.isPresent()) {
      config = config.withLabels(Map.of(DappLabels.PARENT_STAGE_SIGNATURE, parent.get().toString()));
    }
    return new StageImage(image.config().withConfig(config), image.layers());
  }

  /** The labels of a dimg's image: a dimg image, its name (empty for the nameless one), its last stage. */
  static StageImage dimgLabelled(StageImage image, StageSignature lastStage, Optional<String> dimgName) {
    ContainerConfig config = image.config().config()
        .withoutLabels(List.of(DappLabels.PARENT_STAGE_SIGNATURE, DappLabels.TAG_SCHEME,
            DappLabels.IMPORTED_STAGE_SIGNATURES, DappLabels.GIT_STATE, DappLabels.GIT_COMMIT))
        .withLabels(Map.of(
            DIMG_LABEL, "true",
            SIGNATURE_LABEL, lastStage.toString(),
            DappLabels.STAGE_SIGNATURE, lastStage.toString(),
            DappLabels.DIMG_NAME, dimgName.orElse("")));
    return new StageImage(image.config().withConfig(config), image.layers());
  }

  private Optional<StoredImage> find(String subject, String description, StageSignature signature)
      throws OperationFailedException {
    Optional<Descriptor> tagged = store.resolve(signature.stageTag());
    if (tagged.isEmpty()) {
      return Optional.empty();
    }
    try {
      StoredImage image = store.readImage(tagged.get().digest());
      markInUse(image);
      return Optional.of(image);
    } catch (OperationFailedException damaged) {
      // A damaged stage (a blob removed or changed by hand) is rebuilt rather than failing the build.
      console.warn(subject + ": " + description + ": stage " + signature.shortForm() + " in the store is damaged ("
          + damaged.getMessage() + ")" + (walkOnly ? "" : ": building it again"));
      return Optional.empty();
    }
  }

  /**
   * A stage a build uses counts as just written (hasBlob marks a blob so): a cleanup that untags the stage
   * meanwhile, from another process, leaves its blobs to this build for the grace period.
   */
  private void markInUse(StoredImage image) throws OperationFailedException {
    List<Digest> blobs = new ArrayList<>();
    blobs.add(image.manifestDescriptor().digest());
    blobs.add(image.manifest().config().digest());
    image.manifest().layers().forEach(layer -> blobs.add(layer.digest()));
    for (Digest blob : blobs) {
      if (!store.hasBlob(blob)) {
        throw new OperationFailedException("blob " + blob + " was removed while the stage was read");
      }
    }
  }
}
