package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import java.util.Optional;

/** Runs a registry command: the login procedure of each phase, then that phase's registry work. */
public interface RegistryCommandUseCase {

  /** Runs every phase of the command, telling {@code phases} of each as it ends; what each did comes back in order. */
  CommandResult run(CommandInvocation invocation, Optional<Secret> commandLinePassword, Console console,
      PhaseListener phases) throws DappException;

  /** Runs every phase of the command; what each did comes back in order. */
  default CommandResult run(CommandInvocation invocation, Optional<Secret> commandLinePassword, Console console)
      throws DappException {
    return run(invocation, commandLinePassword, console, PhaseListener.NONE);
  }
}
