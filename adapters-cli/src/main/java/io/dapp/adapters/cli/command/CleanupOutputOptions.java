package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.output.CleanupPlanOutput;
import io.dapp.domain.cleanup.CleanupFailedException;
import io.dapp.domain.cleanup.CleanupReport;
import io.dapp.domain.port.Console;
import io.dapp.domain.usecase.PhaseResult;
import picocli.CommandLine.Option;

/** The options every cleaning command has. */
public final class CleanupOutputOptions {

  @Option(names = "--dry-run", description = "Print what would be deleted, and why, without deleting anything.")
  boolean dryRun;

  @Option(names = "--json", description = "Print the plan (and the outcome of each delete) as JSON instead of a table.")
  boolean json;

  /** Prints the command's report as these options ask; a command with a failed delete fails after that. */
  void print(PhaseResult phase, Console console) throws CleanupFailedException {
    if (phase.result() instanceof CleanupReport report) {
      new CleanupPlanOutput().print(report, json, console);
      report.requireAllDeleted();
    }
  }
}
