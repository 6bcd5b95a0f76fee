package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pull", mixinStandardHelpOptions = true, description = {"Pull the stage cache from REPO (the newest stages; --all for every one).", "Category: pull."})
public final class StagesPullCommand extends RegistryCommand {

  @Parameters(paramLabel = "REPO", arity = "1",
      description = "The repository, e.g. registry.example.com/web/backend.")
  private String repository;

  @picocli.CommandLine.Option(names = "--all", description = "Pull every stage, not only the ones the current build needs.")
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
  protected Optional<String> repositoryArgument() {
    return Optional.of(repository);
  }
}
