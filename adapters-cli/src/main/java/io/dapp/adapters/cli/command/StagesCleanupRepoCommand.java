package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete stages in REPO that no dimg in REPO uses.", "Category: cleanup."})
public final class StagesCleanupRepoCommand extends RegistryCommand {

  @Parameters(paramLabel = "REPO", arity = "1",
      description = "The repository, e.g. registry.example.com/web/backend.")
  private String repository;

  @Inject
  public StagesCleanupRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_CLEANUP_REPO;
  }

  @Override
  protected Optional<String> repositoryArgument() {
    return Optional.of(repository);
  }
}
