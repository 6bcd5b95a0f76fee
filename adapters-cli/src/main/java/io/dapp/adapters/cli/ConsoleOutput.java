package io.dapp.adapters.cli;

import io.dapp.domain.port.Console;
import io.dapp.domain.port.PlainTransferProgress;
import io.dapp.domain.port.TransferProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The use cases' console on picocli's writers: results on stdout, warnings and debug on stderr; blob
 * transfers as progress bars when stdout is a terminal, else as lines.
 */
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

  /**
   * Bars on a terminal unless {@code --quiet}; otherwise a line per finished blob (none with {@code --quiet}).
   * The progress-bar library is loaded only here, when bars are drawn.
   */
  @Override
  public TransferProgress transfers() {
    Optional<PrintStream> terminal = out instanceof StandardOutput standard ? standard.terminal() : Optional.empty();
    if (terminal.isPresent() && !quiet) {
      out.flush();
      int width = TerminalTransferProgress.terminalWidth(System.getenv("COLUMNS"));
      return new TerminalTransferProgress(terminal.get(), width);
    }
    return new PlainTransferProgress(this);
  }

  /** A stage's command output on stdout, as it comes: {@code backend/install | added 120 packages}. */
  @Override
  public void output(String source, String line) {
    if (!quiet) {
      out.println(source + " | " + line);
      out.flush();
    }
  }

  @Override
  public boolean showsOutput() {
    return !quiet;
  }

  /** A failed command's last lines, on stderr before the error, when {@code --quiet} hid them as they came. */
  @Override
  public void failedOutput(String source, List<String> lines) {
    lines.forEach(line -> err.println(source + " | " + line));
    err.flush();
  }

  @Override
  public boolean debugging() {
    return debug;
  }

  @Override
  public void debug(String line) {
    if (debug) {
      err.println("dapp: debug: " + line);
      err.flush();
    }
  }
}
