package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.HistoryEntry;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.port.LocalImageStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The history entry each stage after the first adds to its image's config names the stage and the labels
 * only it has: {@code dapp stage <signature> (labels: dapp-git-state=sha256:...)}, or {@code (labels: none)}.
 * An image so lists every stage below it, which is all it takes to make those stages again from it: each is
 * the stage below plus the layer its entry names, with the labels the entry records. Stage configs are
 * reproducible, so what is made is the image the build made, with the same digest, except that a git stage
 * made so has no {@code dapp-git-commit} label: which commit its files came from is left out of the history,
 * where it would make every later image, and the dimg's, differ between two commits of the same files. A
 * stages pull so fetches only the newest stage of a chain.
 */
public final class StageHistory {

  private static final String PREFIX = "dapp stage ";
  private static final String LABELS = " (labels: ";
  private static final String NONE = "none";
  private static final String SEPARATOR = ", ";

  private StageHistory() {}

  /**
   * {@code image} with its last history entry naming the labels only this stage has, when that entry is the
   * one the stage's producer added ({@code dapp stage <signature>}): a first stage adds none, and a label that
   * cannot be written back unambiguously leaves the entry as it was (the stage cannot be made from it then).
   */
  static StageImage recorded(StageImage image, StageSignature signature, Map<String, String> ownLabels) {
    List<HistoryEntry> history = image.config().history();
    if (history.isEmpty() || !history.get(history.size() - 1).comment().equals(Optional.of(PREFIX + signature))) {
      return image;
    }
    Map<String, String> sorted = new TreeMap<>(ownLabels);
    sorted.remove(DappLabels.GIT_COMMIT);
    if (!sorted.entrySet().stream().allMatch(l -> writable(l.getKey()) && !l.getKey().contains("=")
        && writable(l.getValue()))) {
      return image;
    }
    StringBuilder comment = new StringBuilder(PREFIX).append(signature).append(LABELS);
    comment.append(sorted.isEmpty() ? NONE : String.join(SEPARATOR,
        sorted.entrySet().stream().map(l -> l.getKey() + "=" + l.getValue()).toList()));
    comment.append(')');
    HistoryEntry last = history.get(history.size() - 1);
    List<HistoryEntry> changed = new ArrayList<>(history.subList(0, history.size() - 1));
    changed.add(new HistoryEntry(last.created(), last.createdBy(), Optional.of(comment.toString()), last.emptyLayer()));
    ImageConfig config = image.config();
    return new StageImage(new ImageConfig(config.platform(), config.created(), config.config(), config.diffIds(),
        changed), image.layers());
  }

  private static boolean writable(String text) {
    return !text.isEmpty() && !text.contains(SEPARATOR) && !text.contains(")") && text.chars().noneMatch(c -> c < 0x20);
  }

  /**
   * Puts into {@code store} the stages of {@code chain} below stage {@code newest} that it lacks, made from
   * {@code image}, that stage's image, on the nearest stage below them the store has. Returns how many it made,
   * or empty when it could not make them all: the image's history does not record one with its labels (an
   * image pushed by an earlier dapp or by the docker-based original), its layers do not continue those of the
   * stage below, or the store has no stage below at all. What was made until then stays: it is what the build
   * made.
   *
   * @param annotations recorded on the reference of each stage made (which project made it)
   */
  public static OptionalInt restoreEarlier(List<Stage> chain, int newest, StoredImage image, LocalImageStore store,
      Map<String, String> annotations) throws DappException {
    if (newest == 0) {
      return OptionalInt.of(0);
    }
    int below = newest - 1;
    Optional<Descriptor> found = store.resolve(chain.get(below).signature().stageTag());
    while (found.isEmpty() && below > 0) {
      below--;
      found = store.resolve(chain.get(below).signature().stageTag());
    }
    if (found.isEmpty()) {
      return OptionalInt.empty();
    }
    Map<String, Integer> entries = entries(image.config().history());
    List<Integer> layersBefore = layersBefore(image.config().history());
    List<Layer> layers = image.layers();
    StoredImage parent = store.readImage(found.get().digest());
    for (int i = below + 1; i < newest; i++) {
      Stage stage = chain.get(i);
      Integer at = entries.get(stage.signature().toString());
      if (at == null) {
        return OptionalInt.empty();
      }
      HistoryEntry entry = image.config().history().get(at);
      Optional<Map<String, String>> ownLabels = labels(entry.comment().orElseThrow(), stage.signature());
      int layer = layersBefore.get(at);
      if (ownLabels.isEmpty() || !digests(parent.layers()).equals(digests(layers.subList(0, Math.min(layer,
          layers.size())))) || (!entry.emptyLayer() && layer >= layers.size())) {
        return OptionalInt.empty();
      }
      Optional<Digest> added = entry.emptyLayer() ? Optional.empty() : Optional.of(layers.get(layer).diffId());
      ImageConfig config = parent.config().next(parent.config().config(), added, entry.createdBy(),
          entry.comment().orElseThrow());
      StageImage made = new StageImage(config, parent.layers());
      if (!entry.emptyLayer()) {
        made = made.plus(layers.get(layer), config);
      }
      StageImage labelled = StageCache.stageLabelled(made, stage.signature(), Optional.of(chain.get(i - 1).signature()),
          ownLabels.get());
      parent = store.putImage(labelled.config(), labelled.layers());
      store.tag(stage.signature().stageTag(), parent.manifestDescriptor(), annotations);
    }
    return OptionalInt.of(newest - 1 - below);
  }

  /** The position in {@code history} of each stage's entry, by signature. */
  private static Map<String, Integer> entries(List<HistoryEntry> history) {
    Map<String, Integer> entries = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      Optional<String> comment = history.get(i).comment();
      if (comment.isPresent() && comment.get().startsWith(PREFIX)) {
        String rest = comment.get().substring(PREFIX.length());
        int end = rest.indexOf(' ');
        entries.put(end < 0 ? rest : rest.substring(0, end), i);
      }
    }
    return entries;
  }

  /** For each entry of {@code history}, how many layers the entries before it added. */
  private static List<Integer> layersBefore(List<HistoryEntry> history) {
    List<Integer> counts = new ArrayList<>();
    int layers = 0;
    for (HistoryEntry entry : history) {
      counts.add(layers);
      if (!entry.emptyLayer()) {
        layers++;
      }
    }
    return counts;
  }

  private static List<Digest> digests(List<Layer> layers) {
    return layers.stream().map(layer -> layer.blob().digest()).toList();
  }

  /** The labels a stage's entry records; empty when it records none (not even {@code none}). */
  static Optional<Map<String, String>> labels(String comment, StageSignature signature) {
    String start = PREFIX + signature + LABELS;
    if (!comment.startsWith(start) || !comment.endsWith(")")) {
      return Optional.empty();
    }
    String listed = comment.substring(start.length(), comment.length() - 1);
    if (listed.equals(NONE)) {
      return Optional.of(Map.of());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String label : listed.split(SEPARATOR, -1)) {
      int equals = label.indexOf('=');
      if (equals <= 0) {
        return Optional.empty();
      }
      labels.put(label.substring(0, equals), label.substring(equals + 1));
    }
    return Optional.of(labels);
  }
}
