package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "flush", mixinStandardHelpOptions = true, description = "Delete dimg images.",
    subcommands = {DimgFlushRepoCommand.class})
public final class DimgFlushGroup extends CommandGroup {}
