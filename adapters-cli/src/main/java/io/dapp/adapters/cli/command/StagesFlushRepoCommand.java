package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete all stages from REPO.", "Category: cleanup."})
public final class StagesFlushRepoCommand extends RepositoryCommand {

  @Inject
  public StagesFlushRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_FLUSH_REPO;
  }
}
