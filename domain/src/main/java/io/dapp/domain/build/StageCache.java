package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.LocalImageStore;
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

  StageCache(LocalImageStore store, Console console) {
    this.store = store;
    this.console = console;
  }

  Stage stage(String subject, String description, StageSignature signature, Producer producer) throws DappException {
    Optional<StoredImage> cached = find(subject, description, signature);
    if (cached.isPresent()) {
      console.info(subject + ": " + description + ": using cached stage " + signature.shortForm());
      return new Stage(description, signature, true, cached.get());
    }
    StageImage produced = producer.produce();
    StoredImage image = store.putImage(
        labelled(produced, signature, false).config(), produced.layers());
    store.tag(signature.stageTag(), image.manifestDescriptor());
    console.info(subject + ": " + description + ": built stage " + signature.shortForm());
    return new Stage(description, signature, false, image);
  }

  /** The stage's labels, set on every stage and on the final image: which dimg image, which stage. */
  static StageImage labelled(StageImage image, StageSignature signature, boolean finalImage) {
    return new StageImage(image.config().withConfig(image.config().config().withLabels(Map.of(
        DIMG_LABEL, String.valueOf(finalImage),
        SIGNATURE_LABEL, signature.toString()))), image.layers());
  }

  private Optional<StoredImage> find(String subject, String description, StageSignature signature)
      throws OperationFailedException {
    Optional<Descriptor> tagged = store.resolve(signature.stageTag());
    if (tagged.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(store.readImage(tagged.get().digest()));
    } catch (OperationFailedException damaged) {
      // A damaged stage (a blob removed or changed by hand) is rebuilt rather than failing the build.
      console.warn(subject + ": " + description + ": stage " + signature.shortForm() + " in the store is damaged ("
          + damaged.getMessage() + "): building it again");
      return Optional.empty();
    }
  }
}
