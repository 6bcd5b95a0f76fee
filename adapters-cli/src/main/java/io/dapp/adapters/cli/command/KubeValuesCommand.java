package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.ConsoleOutput;
import io.dapp.adapters.cli.TagOptionsMixin;
import io.dapp.domain.deploy.KubeValuesResult;
import io.dapp.domain.deploy.ValuesOptions;
import io.dapp.domain.deploy.ValuesRenderer;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.PhaseResult;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "values", mixinStandardHelpOptions = true, description = {
    "Print the helm values of every dimg of the dappfile, for one tag: image names and image ids read from REPO.",
    "A dimg whose tag is not in REPO is an error.",
    "Category: deploy."})
public final class KubeValuesCommand extends RepositoryCommand {

  @Mixin
  private TagOptionsMixin tags;

  @Option(names = "--json", description = "Print JSON instead of YAML.")
  private boolean json;

  @Inject
  public KubeValuesCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.KUBE_VALUES;
  }

  @Override
  protected void render(PhaseResult phase, ConsoleOutput console) {
    if (phase.result() instanceof KubeValuesResult values) {
      console.info(values.text());
    }
  }

  @Override
  protected CommandOptions commandOptions() {
    return CommandOptions.of(tags.tagOptions(),
        new ValuesOptions(json ? ValuesRenderer.Syntax.JSON : ValuesRenderer.Syntax.YAML));
  }
}
