package io.dapp.adapters.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** A command that takes {@code [DIMG...] REPO}: some dimgs of the dappfile (default all), then the repository. */
public abstract class DimgsAndRepositoryCommand extends RegistryCommand {

  @Parameters(paramLabel = "[DIMG...] REPO", arity = "1..*", hideParamSyntax = true,
      description = "Names of dimgs from the dappfile (default: all), then the repository, e.g. registry.host/web/backend.")
  private List<String> arguments = new ArrayList<>();

  protected DimgsAndRepositoryCommand(RegistryCommandContext context) {
    super(context);
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
