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

@Command(name = "push", mixinStandardHelpOptions = true, description = {"Push dimgs to REPO as REPO/<dimg>:<tag> (REPO:<tag> for the nameless dimg).", "Category: push."})
public final class DimgPushCommand extends DimgsAndRepositoryCommand {

  @Mixin
  private BuildOptionsMixin build;

  @Mixin
  private TagOptionsMixin tags;


  @Inject
  public DimgPushCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_PUSH;
  }

  @Override
  protected CommandOptions commandOptions() throws InvalidInputException {
    return CommandOptions.of(build.buildOptions(options.registryOptions().defaultPlatform()), tags.tagOptions());
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
