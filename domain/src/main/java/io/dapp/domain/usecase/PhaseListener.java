package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;

/**
 * Told of each phase of a command as it ends, its login session closed, before the next phase begins: the
 * command line prints a phase's results then, so that {@code bp}'s build is shown even when its push fails.
 */
@FunctionalInterface
public interface PhaseListener {

  /** Listens to nothing. */
  PhaseListener NONE = phase -> { };

  /** @throws DappException to fail the command after this phase (a cleanup whose deletes failed) */
  void finished(PhaseResult phase) throws DappException;
}
