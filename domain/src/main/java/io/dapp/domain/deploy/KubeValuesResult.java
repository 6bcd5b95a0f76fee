package io.dapp.domain.deploy;

import io.dapp.domain.usecase.WorkResult;
import java.util.Objects;

/**
 * What {@code dapp kube values} found: the values, and their text in the syntax asked for (YAML or JSON), as
 * the command prints it.
 */
public record KubeValuesResult(HelmValues values, String text) implements WorkResult {

  public KubeValuesResult {
    Objects.requireNonNull(values, "'values' must not be null");
    Objects.requireNonNull(text, "'text' must not be null");
  }
}
