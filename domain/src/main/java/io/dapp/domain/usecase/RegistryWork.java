package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.Console;

/** The registry work of one command phase, done inside its login session. */
public interface RegistryWork {

  /** Does the work; what it did comes back as a value ({@link WorkResult#DONE} when there is nothing to tell). */
  WorkResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session, Console console)
      throws DappException;
}
