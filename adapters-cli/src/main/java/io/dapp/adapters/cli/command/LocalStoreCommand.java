package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.ConsoleOutput;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.localstore.LocalCleanupOptions;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that cleans the local image store. It talks to no registry, so it has none of the registry
 * options and its category needs no login; it runs through the same use case as every command.
 */
public abstract class LocalStoreCommand implements Callable<Integer>, ExplainableCommand {

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
      description = "Project directory, where dappfile.yaml lives (default: the current directory).")
  private Path directory;

  @Option(names = "--store", paramLabel = "DIR",
      description = "Local image store, an OCI image layout (default: $DAPP_STORE, else ~/.dapp/store).")
  private Path store;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", defaultValue = "linux/amd64",
      description = "Platform the stages were built for, as given to dapp dimg build (default: ${DEFAULT-VALUE}).")
  private String platform;

  @Option(names = "--dry-run", description = "Print what would be removed and how much it would free; change nothing.")
  private boolean dryRun;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary line (and warnings and errors).")
  private boolean quiet;

  @Option(names = "--debug", description = {"Explain the login (none: no registry) and how app/bin/dapp started the JVM",
      "(which java, which start-up cache or why none), and show stack traces of errors."})
  private boolean debug;

  @Spec
  protected CommandSpec spec;

  private final RegistryCommandContext context;

  protected LocalStoreCommand(RegistryCommandContext context) {
    this.context = context;
  }

  /** Which command this is. */
  public abstract DappCommand command();

  @Override
  public CommandInvocation invocation() throws InvalidInputException {
    Platform parsed = Platform.parse(platform);
    BuildOptions build = new BuildOptions(Optional.ofNullable(store).map(p -> p.toAbsolutePath().normalize()), parsed);
    return new CommandInvocation(command(), Optional.empty(), List.of(), directory.toAbsolutePath().normalize(),
        LoginOptions.NONE, new RegistryOptions(Set.of(), parsed, RetryPolicy.DEFAULT),
        CommandOptions.of(build, new LocalCleanupOptions(dryRun, quiet)));
  }

  @Override
  public Integer call() throws Exception {
    ConsoleOutput console = ConsoleOutput.of(spec, debug);
    context.launcher.debugLine().ifPresent(console::debug);
    context.useCase.run(invocation(), Optional.empty(), console);
    return 0;
  }
}
