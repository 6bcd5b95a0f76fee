package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Clean up dimg images in a registry.")
public final class DimgCleanupGroup extends CommandGroup {}
