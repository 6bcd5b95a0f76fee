package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Clean up stages in a registry or the local store.")
public final class StagesCleanupGroup extends CommandGroup {}
