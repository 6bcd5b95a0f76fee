package io.dapp.domain.build;

import io.dapp.domain.usecase.WorkResult;
import java.util.List;

/**
 * What a build did: the artifacts the dimgs import from (each once, in the order they were built), then
 * the dimgs asked for, in order.
 */
public record BuildResult(List<BuiltImage> artifacts, List<BuiltImage> dimgs) implements WorkResult {

  public BuildResult {
    artifacts = List.copyOf(artifacts);
    dimgs = List.copyOf(dimgs);
  }
}
