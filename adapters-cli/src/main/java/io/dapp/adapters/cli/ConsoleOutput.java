package io.dapp.adapters.cli;

import io.dapp.domain.port.Console;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The use cases' console on picocli's writers: results on stdout, warnings and debug on stderr. */
public final class ConsoleOutput implements Console {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean debug;

  ConsoleOutput(PrintWriter out, PrintWriter err, boolean debug) {
    this.out = out;
    this.err = err;
    this.debug = debug;
  }

  public static ConsoleOutput of(CommandSpec spec, boolean debug) {
    return new ConsoleOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), debug);
  }

  @Override
  public void info(String line) {
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
