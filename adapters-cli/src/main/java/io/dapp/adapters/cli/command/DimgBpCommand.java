package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.BuildOptionsMixin;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "bp", mixinStandardHelpOptions = true, description = {"Build dimgs, then push them to REPO (build, then push).", "Categories: build, then push."})
public final class DimgBpCommand extends RegistryCommand {

  @Parameters(paramLabel = "[DIMG...] REPO", arity = "1..*",
      description = "Names of dimgs from the dappfile (default: all), then the repository, e.g. registry.example.com/web/backend.")
  private List<String> arguments = new ArrayList<>();

  @Mixin
  private BuildOptionsMixin build;

  @Inject
  public DimgBpCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_BP;
  }

  @Override
  protected BuildOptions buildOptions() throws InvalidInputException {
    return build.buildOptions();
  }

  @Override
  protected boolean quiet() {
    return build.quiet();
  }

  @Override
  protected Optional<String> repositoryArgument() {
    return last(arguments);
  }

  @Override
  protected List<String> dimgArguments() {
    return allButLast(arguments);
  }
}
