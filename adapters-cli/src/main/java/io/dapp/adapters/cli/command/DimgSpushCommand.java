package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.BuildOptionsMixin;
import io.dapp.adapters.cli.TagOptionsMixin;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "spush", mixinStandardHelpOptions = true, description = {"Push one dimg to REPO as REPO:<tag>.", "Category: push."})
public final class DimgSpushCommand extends RegistryCommand {

  @Mixin
  private BuildOptionsMixin build;

  @Mixin
  private TagOptionsMixin tags;


  @Parameters(paramLabel = "[DIMG] REPO", arity = "1..2", hideParamSyntax = true,
      description = "The name of one dimg (needed when the dappfile has several), then the repository.")
  private List<String> arguments = new ArrayList<>();

  @Inject
  public DimgSpushCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_SPUSH;
  }

  @Override
  protected Optional<String> repositoryArgument() {
    if (arguments.size() > 2) {
      throw usage("spush pushes one dimg: expected [DIMG] REPO, got " + arguments.size() + " arguments");
    }
    return last(arguments);
  }

  @Override
  protected List<String> dimgArguments() {
    return allButLast(arguments);
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
