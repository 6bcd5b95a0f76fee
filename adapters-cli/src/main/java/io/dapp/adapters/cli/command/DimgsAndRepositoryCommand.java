package io.dapp.adapters.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** A command that takes {@code [DIMG...] REPO}: some dimgs of the dappfile (default all), then the repository. */
public abstract class DimgsAndRepositoryCommand extends DimgsAndRepositoryCommand {

  protected DimgsAndRepositoryCommand(RegistryCommandContext context) {
    super(context);
  }
}
