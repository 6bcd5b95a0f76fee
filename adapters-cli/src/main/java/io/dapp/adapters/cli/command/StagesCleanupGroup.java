package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Clean up stages in a registry or the local store.",
    subcommands = {StagesCleanupRepoCommand.class, StagesCleanupLocalCommand.class})
public final class StagesCleanupGroup extends CommandGroup {}
