package io.dapp.domain.image;

import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image config (the OCI image configuration): platform, how containers run, the layers' diff_ids and
 * the history. {@code created} is kept as written; dapp writes {@link #REPRODUCIBLE_CREATED} so that the
 * same inputs always give the same image.
 */
public record ImageConfig(
    Platform platform,
    Optional<String> created,
    ContainerConfig config,
    List<Digest> diffIds,
    List<HistoryEntry> history) {

  /** The creation time of everything dapp builds: the epoch, so that the time of a build changes nothing. */
  public static final String REPRODUCIBLE_CREATED = "1970-01-01T00:00:00Z";

  public ImageConfig {
    Objects.requireNonNull(platform, "'platform' must not be null");
    Objects.requireNonNull(created, "'created' must not be null");
    Objects.requireNonNull(config, "'config' must not be null");
    diffIds = List.copyOf(diffIds);
    history = List.copyOf(history);
    long layersInHistory = history.stream().filter(h -> !h.emptyLayer()).count();
    // Images without history are common (skopeo-built, some minimal images); a history that exists must match.
    if (!history.isEmpty() && layersInHistory != diffIds.size()) {
      throw new IllegalArgumentException("the history names " + layersInHistory + " layer(s) but rootfs has "
          + diffIds.size());
    }
  }

  /** An empty image for {@code platform}: what {@code from: scratch} starts with. */
  public static ImageConfig scratch(Platform platform) {
    return new ImageConfig(platform, Optional.of(REPRODUCIBLE_CREATED), ContainerConfig.EMPTY, List.of(), List.of());
  }

  /** This config after a step that adds a layer (or none), created at the reproducible time. */
  public ImageConfig next(ContainerConfig newConfig, Optional<Digest> addedLayer, String createdBy, String comment) {
    List<Digest> layers = new ArrayList<>(diffIds);
    addedLayer.ifPresent(layers::add);
    List<HistoryEntry> steps = new ArrayList<>(history);
    if (steps.isEmpty() && !diffIds.isEmpty()) {
      // A base without history: describe its layers, so that ours stays consistent with rootfs.
      diffIds.forEach(d -> steps.add(new HistoryEntry(Optional.empty(), "base layer " + d, Optional.empty(), false)));
    }
    steps.add(new HistoryEntry(Optional.of(REPRODUCIBLE_CREATED), createdBy, Optional.of(comment),
        addedLayer.isEmpty()));
    return new ImageConfig(platform, Optional.of(REPRODUCIBLE_CREATED), newConfig, layers, steps);
  }

  public ImageConfig withConfig(ContainerConfig newConfig) {
    return new ImageConfig(platform, created, newConfig, diffIds, history);
  }
}
