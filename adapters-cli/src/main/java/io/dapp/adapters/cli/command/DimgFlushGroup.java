package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "flush", mixinStandardHelpOptions = true, description = "Delete dimg images from a registry or the local store.")
public final class DimgFlushGroup extends CommandGroup {}
