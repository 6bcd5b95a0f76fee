package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "flush", mixinStandardHelpOptions = true, description = "Delete stages from a registry or the local store.")
public final class StagesFlushGroup extends CommandGroup {}
