package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete the dimg tags in REPO that the cleanup policy selects.", "Category: cleanup."})
public final class DimgCleanupRepoCommand extends RegistryCommand {

  @Parameters(paramLabel = "[DIMG...] REPO", arity = "1..*",
      description = "Names of dimgs from the dappfile (default: all), then the repository, e.g. registry.example.com/web/backend.")
  private List<String> arguments = new ArrayList<>();

  @Inject
  public DimgCleanupRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_CLEANUP_REPO;
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
