package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "bp", mixinStandardHelpOptions = true, description = {"Build dimgs, then push them to REPO (build, then push).", "Categories: build, then push."})
public final class DimgBpCommand extends DimgsAndRepositoryCommand {

  @Inject
  public DimgBpCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_BP;
  }
}
