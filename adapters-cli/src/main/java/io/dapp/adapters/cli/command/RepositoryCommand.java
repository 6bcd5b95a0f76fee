package io.dapp.adapters.cli.command;

import java.util.Optional;
import picocli.CommandLine.Parameters;

/** A command that takes one REPO argument and works on the whole project. */
public abstract class RepositoryCommand extends RepositoryCommand {

  protected RepositoryCommand(RegistryCommandContext context) {
    super(context);
  }
}
