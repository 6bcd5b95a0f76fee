package io.dapp.domain.push;

import io.dapp.domain.port.Console;

/** The console of the build a push runs first: its progress is debug output, its warnings stay warnings. */
final class QuietBuildConsole implements Console {

  private final Console console;

  QuietBuildConsole(Console console) {
    this.console = console;
  }

  @Override
  public void info(String line) {
    console.debug(line);
  }

  @Override
  public void warn(String line) {
    console.warn(line);
  }

  @Override
  public void debug(String line) {
    console.debug(line);
  }

  /** A stage's command output is the build's progress too: debug output, but a failure's last lines are shown. */
  @Override
  public void output(String source, String line) {
    console.debug(source + " | " + line);
  }

  @Override
  public boolean showsOutput() {
    return false;
  }

  @Override
  public void failedOutput(String source, java.util.List<String> lines) {
    console.failedOutput(source, lines);
  }
}
