package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "push", mixinStandardHelpOptions = true, description = {"Push the stage cache to REPO.", "Category: push."})
public final class StagesPushCommand extends RepositoryCommand {

  @Inject
  public StagesPushCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_PUSH;
  }
}
