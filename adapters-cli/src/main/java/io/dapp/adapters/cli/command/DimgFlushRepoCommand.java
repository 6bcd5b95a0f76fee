package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete all dimg images of the project from REPO.", "Category: cleanup."})
public final class DimgFlushRepoCommand extends RepositoryCommand {

  @Inject
  public DimgFlushRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_FLUSH_REPO;
  }
}
