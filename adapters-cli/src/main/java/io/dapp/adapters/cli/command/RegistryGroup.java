package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "registry", mixinStandardHelpOptions = true, description = "Explain how dapp authorizes in docker registries.")
public final class RegistryGroup extends CommandGroup {}
