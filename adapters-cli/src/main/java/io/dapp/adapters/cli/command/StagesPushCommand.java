package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "push", mixinStandardHelpOptions = true, description = {"Push the stage cache to REPO.", "Category: push."})
public final class StagesPushCommand extends RegistryCommand {

  @Parameters(paramLabel = "REPO", arity = "1",
      description = "The repository, e.g. registry.example.com/web/backend.")
  private String repository;

  @Inject
  public StagesPushCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_PUSH;
  }

  @Override
  protected Optional<String> repositoryArgument() {
    return Optional.of(repository);
  }
}
