package io.dapp.domain.push;

import io.dapp.domain.usecase.WorkResult;
import java.util.List;

/**
 * What a push did ({@code dimg push}, {@code spush}, the push phase of {@code bp}, {@code dimg stages push}):
 * each tag in the order it was pushed.
 */
public record PushResult(List<PushedTag> tags) implements WorkResult {

  public PushResult {
    tags = List.copyOf(tags);
  }
}
