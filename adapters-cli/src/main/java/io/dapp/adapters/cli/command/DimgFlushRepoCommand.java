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

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete all dimg images of the project from REPO.", "Category: cleanup."})
public final class DimgFlushRepoCommand extends RepositoryCommand {

  @Mixin
  private CleanupOutputOptions output = new CleanupOutputOptions();

  @Option(names = "--with-stages", description = "Also delete every stage (dimgstage-* tags).")
  private boolean withStages;

  @Inject
  public DimgFlushRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  protected void render(PhaseResult phase, ConsoleOutput console) throws DappException {
    output.print(phase, console);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_FLUSH_REPO;
  }

  @Override
  protected CommandOptions commandOptions() {
    return CommandOptions.of(new CleanupOptions(output.dryRun, output.json, withStages, false));
  }
}
