package io.dapp.adapters.cli;

import io.dapp.adapters.cli.command.LoginPlanCommand;
import io.dapp.adapters.cli.command.RegistryCommandContext;
import io.dapp.domain.error.DappException;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.ExplainLoginUseCase;
import io.dapp.domain.usecase.CommandResult;
import io.dapp.domain.usecase.RegistryCommandUseCase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs dapp's real command line in-process with recording use cases: what did the command line turn
 * into, what was printed, which exit code came out, which commands were built.
 */
final class CommandLineHarness {

  /** What the registry use case should do when called. */
  interface Behaviour {
    void run(CommandInvocation invocation, Optional<Secret> password, Console console) throws DappException;
  }

  final List<CommandInvocation> invocations = new ArrayList<>();
  final List<Optional<Secret>> passwords = new ArrayList<>();
  /** Every object picocli had the factory build: commands, mixins, converters. */
  final List<Class<?>> built = new ArrayList<>();
  private boolean wholeTree;
  private Behaviour behaviour = (invocation, password, console) -> {};
  private ExplainLoginUseCase explain = invocation -> new io.dapp.domain.usecase.LoginExplanation(invocation, List.of());
  private String stdin = "";
  private LauncherNote launcher = LauncherNote.NONE;
  String out = "";
  String err = "";

  CommandLineHarness behave(Behaviour behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  CommandLineHarness explainWith(ExplainLoginUseCase explain) {
    this.explain = explain;
    return this;
  }

  /** Runs in the whole command tree always, as dapp did before it built only the commands a line names. */
  CommandLineHarness wholeTree() {
    this.wholeTree = true;
    return this;
  }

  /** As if app/bin/dapp had started the JVM and said this about it. */
  CommandLineHarness launchedWith(String note) {
    this.launcher = LauncherNote.of(note);
    return this;
  }

  CommandLineHarness stdin(String stdin) {
    this.stdin = stdin;
    return this;
  }

  int run(String... args) {
    CommandLine.IFactory factory = factory();
    StringWriter outText = new StringWriter();
    StringWriter errText = new StringWriter();
    PrintWriter outWriter = new PrintWriter(outText);
    PrintWriter errWriter = new PrintWriter(errText);
    int exit = wholeTree ? DappCommandLine.create(factory, outWriter, errWriter).execute(args)
        : DappCommandLine.execute(factory, outWriter, errWriter, args);
    out = outText.toString();
    err = errText.toString();
    return exit;
  }

  /** Builds commands with this harness's recording use cases, as Dagger builds them in the application. */
  CommandLine.IFactory factory() {
    RegistryCommandUseCase useCase = (invocation, password, console, phases) -> {
      invocations.add(invocation);
      passwords.add(password);
      behaviour.run(invocation, password, console);
      return new CommandResult(invocation.command(), List.of());
    };
    RegistryCommandContext context = new RegistryCommandContext(useCase,
        () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), launcher);
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        built.add(type);
        if (type == LoginPlanCommand.class) {
          return type.cast(new LoginPlanCommand(explain));
        }
        for (Constructor<?> constructor : type.getConstructors()) {
          if (constructor.getParameterCount() == 1
              && constructor.getParameterTypes()[0] == RegistryCommandContext.class) {
            return type.cast(constructor.newInstance(context));
          }
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
  }
}
