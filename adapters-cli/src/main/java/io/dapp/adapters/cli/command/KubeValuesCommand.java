package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "values", mixinStandardHelpOptions = true, description = {"Print the helm values (image names and ids) read from REPO.", "Category: deploy."})
public final class KubeValuesCommand extends RepositoryCommand {

  @Inject
  public KubeValuesCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.KUBE_VALUES;
  }
}
