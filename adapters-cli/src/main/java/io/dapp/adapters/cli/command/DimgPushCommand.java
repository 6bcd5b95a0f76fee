package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "push", mixinStandardHelpOptions = true, description = {"Push dimgs to REPO as REPO/<dimg>:<tag> (REPO:<tag> for the nameless dimg).", "Category: push."})
public final class DimgPushCommand extends DimgsAndRepositoryCommand {

  @Inject
  public DimgPushCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_PUSH;
  }
}
