package io.dapp.adapters.cli.command;

import picocli.CommandLine.Option;

/** The options every cleaning command has. */
public final class CleanupOutputOptions {

  @Option(names = "--dry-run", description = "Print what would be deleted, and why, without deleting anything.")
  boolean dryRun;

  @Option(names = "--json", description = "Print the plan (and the outcome of each delete) as JSON instead of a table.")
  boolean json;
}
