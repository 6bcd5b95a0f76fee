package io.dapp.adapters.cli.command;

import java.util.Optional;
import picocli.CommandLine.Parameters;

/** A command that takes one REPO argument and works on the whole project. */
public abstract class RepositoryCommand extends RegistryCommand {

  @Parameters(paramLabel = "REPO", arity = "1", description = "The repository, e.g. registry.host/web/backend.")
  private String repository;

  protected RepositoryCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  protected Optional<String> repositoryArgument() {
    return Optional.of(repository);
  }
}
