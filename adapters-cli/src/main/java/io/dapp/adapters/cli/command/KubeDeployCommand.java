package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = {"Deploy the project with helm, with the image meta read from REPO.", "Category: deploy."})
public final class KubeDeployCommand extends RegistryCommand {

  @Parameters(paramLabel = "REPO", arity = "1",
      description = "The repository, e.g. registry.example.com/web/backend.")
  private String repository;

  @Inject
  public KubeDeployCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.KUBE_DEPLOY;
  }

  @Override
  protected Optional<String> repositoryArgument() {
    return Optional.of(repository);
  }
}
