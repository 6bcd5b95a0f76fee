package io.dapp.adapters.cli.command;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.usecase.CommandInvocation;

/** A command whose login {@code dapp registry login-plan} can explain: it says what it would run. */
public interface ExplainableCommand {

  /** The invocation this command line describes; parsing needs no secret and no network. */
  CommandInvocation invocation() throws InvalidInputException;
}
