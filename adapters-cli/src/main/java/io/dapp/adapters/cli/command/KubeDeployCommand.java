package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = {"Deploy the project with helm, with the image meta read from REPO.", "Category: deploy."})
public final class KubeDeployCommand extends RepositoryCommand {

  @Inject
  public KubeDeployCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.KUBE_DEPLOY;
  }
}
