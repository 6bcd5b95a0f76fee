package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.BuildOptionsMixin;
import io.dapp.adapters.cli.TagOptionsMixin;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "push", mixinStandardHelpOptions = true, description = {"Push the stage cache to REPO.", "Category: push."})
public final class StagesPushCommand extends RepositoryCommand {

  @Mixin
  private BuildOptionsMixin build;


  @Inject
  public StagesPushCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_PUSH;
  }

  @Override
  protected CommandOptions commandOptions() throws InvalidInputException {
    return CommandOptions.of(build.buildOptions(options.registryOptions().defaultPlatform()));
  }

  @Override
  protected boolean quiet() {
    return build.quiet();
  }

  @Override
  protected RegistryOptions registryOptions() throws InvalidInputException {
    return build.registryOptions(options.registryOptions());
  }
}
