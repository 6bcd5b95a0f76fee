package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.StandardInput;
import io.dapp.domain.usecase.RegistryCommandUseCase;
import jakarta.inject.Inject;
import java.util.Objects;

/** What every registry command needs from the application: the use case and standard input. */
public final class RegistryCommandContext {

  final RegistryCommandUseCase useCase;
  final StandardInput standardInput;

  @Inject
  public RegistryCommandContext(RegistryCommandUseCase useCase, StandardInput standardInput) {
    this.useCase = Objects.requireNonNull(useCase, "'useCase' must not be null");
    this.standardInput = Objects.requireNonNull(standardInput, "'standardInput' must not be null");
  }
}
