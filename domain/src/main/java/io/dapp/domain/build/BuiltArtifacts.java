package io.dapp.domain.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The artifacts one command has built (or walked) so far, by name: their stage chains, first to last. A
 * dimg's imports read an artifact's last stage from here; each artifact is built once per command however
 * many dimgs import from it.
 */
public final class BuiltArtifacts {

  private final Map<String, List<Stage>> chains = new LinkedHashMap<>();
  private final Map<String, Boolean> whole = new LinkedHashMap<>();

  /**
   * @param real whether the chain's last stage is the artifact's image: built, or found in the store (a walk
   *     that builds nothing stands a missing stage on its parent's image, which is not what it would be)
   */
  synchronized void add(String artifact, List<Stage> chain, boolean real) {
    chains.put(artifact, List.copyOf(chain));
    whole.put(artifact, real);
  }

  synchronized boolean has(String artifact) {
    return chains.containsKey(artifact);
  }

  /** The artifact's last stage: what its importers copy from; empty when it is not built. */
  synchronized Optional<Stage> lastStage(String artifact) {
    List<Stage> chain = chains.get(artifact);
    return chain == null || chain.isEmpty() || !whole.get(artifact) ? Optional.empty()
        : Optional.of(chain.get(chain.size() - 1));
  }

  /** The stages of {@code artifacts}, each chain first to last: what pushing a dimg's stage cache must include. */
  synchronized List<Stage> stagesOf(List<String> artifacts) {
    List<Stage> stages = new ArrayList<>();
    artifacts.forEach(name -> stages.addAll(chains.getOrDefault(name, List.of())));
    return stages;
  }
}
