package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "dimg", mixinStandardHelpOptions = true, description = "Build, push and clean up dimgs (images described in the dappfile).")
public final class DimgGroup extends CommandGroup {}
