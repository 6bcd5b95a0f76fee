package io.dapp.adapters.cli;

import io.dapp.domain.port.Console;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The use cases' console on picocli's writers: results on stdout, warnings and debug on stderr. */
public final class ConsoleOutput implements Console {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean debug;
  private final boolean quiet;

  ConsoleOutput(PrintWriter out, PrintWriter err, boolean debug, boolean quiet) {
    this.out = out;
    this.err = err;
    this.debug = debug;
    this.quiet = quiet;
  }

  public static ConsoleOutput of(CommandSpec spec, boolean debug) {
    return of(spec, debug, false);
  }

  /** With {@code quiet}, progress ({@code info}) is not shown; warnings and errors always are. */
  public static ConsoleOutput of(CommandSpec spec, boolean debug, boolean quiet) {
    return new ConsoleOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), debug, quiet);
  }

  @Override
  public void info(String line) {
    if (quiet) {
      return;
    }
    out.println(line);
    out.flush();
  }

  @Override
  public void warn(String line) {
    err.println("dapp: warning: " + line);
    err.flush();
  }

  @Override
  public void debug(String line) {
    if (debug) {
      err.println("dapp: debug: " + line);
      err.flush();
    }
  }
}
