package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.LauncherNote;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.domain.usecase.RegistryCommandUseCase;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * What every registry command needs from the application: the use case, standard input, and what the
 * launcher said about starting the JVM (for {@code --debug}).
 */
public final class RegistryCommandContext {

  final RegistryCommandUseCase useCase;
  final StandardInput standardInput;
  final LauncherNote launcher;

  @Inject
  public RegistryCommandContext(RegistryCommandUseCase useCase, StandardInput standardInput, LauncherNote launcher) {
    this.useCase = Objects.requireNonNull(useCase, "'useCase' must not be null");
    this.standardInput = Objects.requireNonNull(standardInput, "'standardInput' must not be null");
    this.launcher = Objects.requireNonNull(launcher, "'launcher' must not be null");
  }

  /** Without a launcher's note, as a JVM started without the launcher. */
  public RegistryCommandContext(RegistryCommandUseCase useCase, StandardInput standardInput) {
    this(useCase, standardInput, LauncherNote.NONE);
  }
}
