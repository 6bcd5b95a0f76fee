package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "registry", mixinStandardHelpOptions = true, description = "Explain how dapp authorizes in docker registries.",
    subcommands = {LoginPlanCommand.class})
public final class RegistryGroup extends CommandGroup {}
