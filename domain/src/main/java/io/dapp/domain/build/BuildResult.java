package io.dapp.domain.build;

import io.dapp.domain.usecase.WorkResult;
import java.util.List;
import java.util.Objects;

/**
 * What a build did: the artifacts the dimgs import from (each once, in the order they were built), then
 * the dimgs asked for, in order.
 *
 * @param store where the local store is, as its {@code location()} says
 */
public record BuildResult(List<BuiltImage> artifacts, List<BuiltImage> dimgs, String store) implements WorkResult {

  public BuildResult {
    artifacts = List.copyOf(artifacts);
    dimgs = List.copyOf(dimgs);
    Objects.requireNonNull(store, "'store' must not be null");
  }
}
