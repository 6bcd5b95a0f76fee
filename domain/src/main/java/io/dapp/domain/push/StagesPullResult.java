package io.dapp.domain.push;

import io.dapp.domain.usecase.WorkResult;
import java.util.List;

/** What {@code dimg stages pull} did: the stages pulled, in the order they were; none when the store had them all. */
public record StagesPullResult(List<PulledStage> pulled) implements WorkResult {

  public StagesPullResult {
    pulled = List.copyOf(pulled);
  }
}
