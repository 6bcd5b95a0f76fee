package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "flush", mixinStandardHelpOptions = true, description = "Delete stages.",
    subcommands = {StagesFlushRepoCommand.class})
public final class StagesFlushGroup extends CommandGroup {}
