package io.dapp.domain.deploy;

import java.util.Objects;

/** The options of {@code dapp kube values}: how to print the values ({@code --json}). */
public record ValuesOptions(ValuesRenderer.Syntax syntax) {

  public ValuesOptions {
    Objects.requireNonNull(syntax, "'syntax' must not be null");
  }

  public static ValuesOptions defaults() {
    return new ValuesOptions(ValuesRenderer.Syntax.YAML);
  }
}
