package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.CommonOptions;
import io.dapp.adapters.cli.ConsoleOutput;
import io.dapp.adapters.cli.output.WorkResultLines;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.PhaseResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that works with a registry: it turns its arguments into a {@link CommandInvocation} and hands
 * it to the use case, which runs the login procedure and the work.
 */
public abstract class RegistryCommand implements Callable<Integer>, ExplainableCommand {

  @Mixin
  protected CommonOptions options;

  @Spec
  protected CommandSpec spec;

  private final RegistryCommandContext context;

  protected RegistryCommand(RegistryCommandContext context) {
    this.context = context;
  }

  /** Which command this is. */
  public abstract DappCommand command();

  /** The REPO argument, for commands that take one. */
  protected abstract Optional<String> repositoryArgument();

  /** The DIMG arguments. */
  protected List<String> dimgArguments() {
    return List.of();
  }

  /** The options only this command has; none by default. */
  protected CommandOptions commandOptions() throws InvalidInputException {
    return CommandOptions.none();
  }

  public CommonOptions options() {
    return options;
  }

  /** Whether to print only warnings and errors. */
  protected boolean quiet() {
    return false;
  }

  @Override
  public CommandInvocation invocation() throws InvalidInputException {
    Optional<Repository> repository = Optional.empty();
    Optional<String> argument = repositoryArgument();
    if (argument.isPresent()) {
      repository = Optional.of(Repository.parse(argument.get()));
    }
    return new CommandInvocation(command(), repository, dimgArguments(), options.projectDirectory(),
        options.loginOptions(), registryOptions(), commandOptions());
  }

  /** How to reach registries: the common options, and what this command adds ({@code --jobs}). */
  protected RegistryOptions registryOptions() throws InvalidInputException {
    return options.registryOptions();
  }

  @Override
  public Integer call() throws Exception {
    ConsoleOutput console = ConsoleOutput.of(spec, options.debug(), quiet());
    context.launcher.debugLine().ifPresent(console::debug);
    if (options.passwordOnCommandLine()) {
      console.warn("--registry-password is visible to other users in the process list; "
          + "prefer --registry-password-stdin");
    }
    CommandInvocation invocation = invocation();
    context.useCase.run(invocation, options.password(context.standardInput), console, phase -> render(phase, console));
    return 0;
  }

  /**
   * Prints what a phase of the command did, as it ends, from the result an embedding program gets too: by
   * default what it built or pushed (its progress was shown as it went).
   */
  protected void render(PhaseResult phase, ConsoleOutput console) throws DappException {
    WorkResultLines.of(phase.result()).forEach(console::info);
  }

  /** Splits {@code [DIMG...] REPO}: the last argument is the repository. */
  protected static List<String> allButLast(List<String> arguments) {
    return arguments.size() <= 1 ? List.of() : List.copyOf(arguments.subList(0, arguments.size() - 1));
  }

  protected static Optional<String> last(List<String> arguments) {
    return arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.get(arguments.size() - 1));
  }

  protected ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
