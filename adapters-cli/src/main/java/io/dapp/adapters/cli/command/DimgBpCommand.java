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

@Command(name = "bp", mixinStandardHelpOptions = true, description = {"Build dimgs, then push them to REPO (build, then push).", "Categories: build, then push."})
public final class DimgBpCommand extends DimgsAndRepositoryCommand {

  @Mixin
  private BuildOptionsMixin build;

  @Mixin
  private TagOptionsMixin tags;

  @Inject
  public DimgBpCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_BP;
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
