package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.ConsoleOutput;
import io.dapp.domain.cleanup.CleanupOptions;
import io.dapp.domain.error.DappException;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.PhaseResult;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete the dimg tags in REPO that the cleanup policy selects.", "Category: cleanup."})
public final class DimgCleanupRepoCommand extends DimgsAndRepositoryCommand {

  @Mixin
  private CleanupOutputOptions output = new CleanupOutputOptions();

  @Option(names = "--with-stages", description = "Also delete the stages (dimgstage-* tags) that no remaining dimg image uses.")
  private boolean withStages;

  @Option(names = "--without-kube",
      description = "Do not ask Kubernetes (kubectl) which images are in use; they may then be deleted.")
  private boolean withoutKube;

  @Inject
  public DimgCleanupRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  protected void render(PhaseResult phase, ConsoleOutput console) throws DappException {
    output.print(phase, console);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_CLEANUP_REPO;
  }

  @Override
  protected CommandOptions commandOptions() {
    return CommandOptions.of(new CleanupOptions(output.dryRun, output.json, withStages, withoutKube));
  }
}
