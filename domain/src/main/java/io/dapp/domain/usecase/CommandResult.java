package io.dapp.domain.usecase;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/** What a registry command did: one result per phase, in the order they ran ({@code bp}: build, then push). */
public record CommandResult(DappCommand command, List<PhaseResult> phases) {

  public CommandResult {
    Objects.requireNonNull(command, "'command' must not be null");
    phases = List.copyOf(phases);
  }

  /** The result of the phase whose work returns {@code type}, when one did. */
  public <T extends WorkResult> Optional<T> find(Class<T> type) {
    return phases.stream().map(PhaseResult::result).filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * The result of the phase whose work returns {@code type}.
   *
   * @throws NoSuchElementException when no phase returned one: the caller asked the wrong command
   */
  public <T extends WorkResult> T result(Class<T> type) {
    return find(type).orElseThrow(() -> new NoSuchElementException("dapp " + command.displayName() + " returned no "
            + type.getSimpleName()));
  }
}
