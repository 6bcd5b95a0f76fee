package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "stages", mixinStandardHelpOptions = true, description = "The stage cache: push, pull, clean up and flush stages.")
public final class DimgStagesGroup extends CommandGroup {}
