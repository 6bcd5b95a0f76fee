package io.dapp.adapters.cli.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands (declared in {@link CommandTree}): called alone it is a usage error
 * that lists them.
 */
public abstract class CommandGroup implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
