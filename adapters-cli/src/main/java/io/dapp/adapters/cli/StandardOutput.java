package io.dapp.adapters.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The process's standard output as picocli's writer, knowing whether a person watches it on a terminal:
 * then transfers are drawn as progress bars straight onto the stream. Any other writer (a test's, a
 * pipe's) gets plain lines.
 */
final class StandardOutput extends PrintWriter {

  private final PrintStream stream;
  private final boolean terminal;

  StandardOutput(PrintStream stream, boolean terminal) {
    super(stream, true);
    this.stream = stream;
    this.terminal = terminal;
  }

  /** Standard output; a terminal when the JVM has a console (stdin and stdout are both terminals). */
  static StandardOutput system() {
    return new StandardOutput(System.out, System.console() != null);
  }

  /** The stream to draw on, when it is a terminal. */
  Optional<PrintStream> terminal() {
    return terminal ? Optional.of(stream) : Optional.empty();
  }
}
