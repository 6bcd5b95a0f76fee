package io.dapp.adapters.cli;

import io.dapp.adapters.cli.command.CommandTree;
import io.dapp.adapters.cli.command.RegistryCommand;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds dapp's command line and maps outcomes to exit codes: 0 success, 1 failure, 2 usage or input
 * error. Errors are one line; stack traces only with {@code --debug}.
 */
public final class DappCommandLine {

  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  /** A mistyped option may carry a password: {@code --registry-pasword=hunter2} must not be echoed back. */
  private static final Pattern OPTION_VALUE = Pattern.compile("(--?[A-Za-z][A-Za-z0-9-]*=)[^'\\s,]*");

  private DappCommandLine() {}

  /** The whole command tree, with each command built by {@code factory} (Dagger, in the application). */
  public static CommandLine create(IFactory factory, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = CommandTree.whole(factory);
    configure(commandLine, out, err);
    return commandLine;
  }

  /** Settings every command of a tree gets, whole or narrow: set on the root, picocli passes them down. */
  private static void configure(CommandLine commandLine, PrintWriter out, PrintWriter err) {
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ExecutionErrors());
    commandLine.setParameterExceptionHandler(new UsageErrors());
  }

  /*
   * Classes, not lambdas, as no lambda may take or return a picocli type: see CommandTree, on the
   * class-data-sharing archive.
   */

  private static final class ExecutionErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parsed) {
      return DappCommandLine.handleExecutionException(exception, commandLine, parsed);
    }
  }

  private static final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
      return handleParameterException(exception, args);
    }
  }

  private static int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    boolean debug = commandLine.getCommand() instanceof RegistryCommand command && command.options().debug();
    if (exception instanceof ParameterException usage) {
      return handleParameterException(usage, new String[0]);
    }
    if (exception instanceof DappException failure) {
      err.println("dapp: error: " + UserText.oneLine(failure.getMessage()));
      printStackTraceIf(debug, exception, err);
      err.flush();
      return failure instanceof InvalidInputException ? EXIT_USAGE : EXIT_FAILURE;
    }
    err.println("dapp: internal error: " + exception.getClass().getSimpleName() + ": "
        + UserText.oneLine(exception.getMessage())
        + (debug ? "" : " (run with --debug for details)"));
    printStackTraceIf(debug, exception, err);
    err.flush();
    return EXIT_FAILURE;
  }

  private static int handleParameterException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("dapp: error: " + UserText.oneLine(describe(exception)));
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return EXIT_USAGE;
  }

  /** Runs dapp on the process's standard streams; the CLI adapter is the only place that touches them. */
  public static int execute(IFactory factory, String... args) {
    PrintWriter out = StandardOutput.system();
    PrintWriter err = new PrintWriter(System.err, true);
    return execute(factory, out, err, args);
  }

  /**
   * Runs one command line. {@code dapp --version} on its own is answered, with the same lines, before the
   * command tree is built: building it (reflection over every command's options) was most of its time. A
   * command line that names a leaf runs in a tree of only the commands it names; anything else (help,
   * usage errors, groups alone) in the whole tree, whose output it is.
   */
  public static int execute(IFactory factory, PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      try {
        String[] lines = new VersionProvider().getVersion();
        for (String line : lines) {
          out.println(line);
        }
        out.flush();
        return 0;
      } catch (IOException unreadable) {
        // picocli reports it as it always did
      }
    }
    Optional<CommandLine> narrow = CommandTree.narrow(factory, args);
    if (narrow.isEmpty()) {
      return create(factory, out, err).execute(args);
    }
    configure(narrow.get(), out, err);
    return narrow.get().execute(args);
  }

  /**
   * The error without the values the user typed after an unknown option: the next word after a mistyped
   * {@code --registry-pasword} is most likely the password itself.
   */
  static String describe(ParameterException exception) {
    if (exception instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
      List<String> options = unmatched.getUnmatched().stream()
          .filter(argument -> argument.startsWith("-"))
          .map(argument -> OPTION_VALUE.matcher(argument).replaceAll("$1<redacted>"))
          .toList();
      return "unknown option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options);
    }
    String message = exception.getMessage();
    return message == null ? "" : OPTION_VALUE.matcher(message).replaceAll("$1<redacted>");
  }

  private static void printStackTraceIf(boolean debug, Exception exception, PrintWriter err) {
    if (debug) {
      StringWriter trace = new StringWriter();
      exception.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
  }
}
