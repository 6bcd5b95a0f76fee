package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete the dimg tags in REPO that the cleanup policy selects.", "Category: cleanup."})
public final class DimgCleanupRepoCommand extends DimgsAndRepositoryCommand {

  @Inject
  public DimgCleanupRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_CLEANUP_REPO;
  }
}
