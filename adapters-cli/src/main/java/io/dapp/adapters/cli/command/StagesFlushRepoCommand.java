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

@Command(name = "repo", mixinStandardHelpOptions = true, description = {"Delete all stages from REPO.", "Category: cleanup."})
public final class StagesFlushRepoCommand extends RepositoryCommand {

  @Mixin
  private CleanupOutputOptions output = new CleanupOutputOptions();

  @Inject
  public StagesFlushRepoCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  protected void render(PhaseResult phase, ConsoleOutput console) throws DappException {
    output.print(phase, console);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_FLUSH_REPO;
  }

  @Override
  protected CommandOptions commandOptions() {
    return CommandOptions.of(new CleanupOptions(output.dryRun, output.json, false, false));
  }
}
