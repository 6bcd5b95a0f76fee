package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "pull", mixinStandardHelpOptions = true, description = {"Pull the stage cache from REPO (the newest stages; --all for every one).", "Category: pull."})
public final class StagesPullCommand extends RepositoryCommand {

  @picocli.CommandLine.Option(names = "--all", description = "Pull every stage, not only the ones the current build needs.")
  private boolean all;

  @Inject
  public StagesPullCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_PULL;
  }
}
