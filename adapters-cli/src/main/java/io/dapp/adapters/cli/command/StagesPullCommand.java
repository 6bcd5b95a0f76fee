package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.BuildOptionsMixin;
import io.dapp.adapters.cli.TagOptionsMixin;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.push.StagesPullOptions;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pull", mixinStandardHelpOptions = true, description = {"Pull the stage cache from REPO (the newest stages; --all for every one).", "Category: pull."})
public final class StagesPullCommand extends RepositoryCommand {

  @Mixin
  private BuildOptionsMixin build;


  @picocli.CommandLine.Option(names = "--all", description = "Pull every missing stage the registry has, also those before the newest stage the local store has.")
  private boolean all;

  @Inject
  public StagesPullCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_PULL;
  }

  @Override
  protected CommandOptions commandOptions() throws InvalidInputException {
    return CommandOptions.of(build.buildOptions(options.registryOptions().defaultPlatform()), new StagesPullOptions(all));
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
