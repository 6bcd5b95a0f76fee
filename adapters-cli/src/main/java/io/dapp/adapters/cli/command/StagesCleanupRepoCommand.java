package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete stages in REPO that no dimg in REPO uses.", "Category: cleanup."})
public final class StagesCleanupRepoCommand extends RepositoryCommand {

  @Inject
  public StagesCleanupRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_CLEANUP_REPO;
  }
}
