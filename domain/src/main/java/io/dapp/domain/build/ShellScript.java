package io.dapp.domain.build;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user stage's commands as the one script the image's {@code /bin/sh -e -c} runs: each command on its own
 * line, so that the first failure stops the stage. Before each command the script records its number,
 * and an exit trap prints, on a failure only, that number and the status after a marker no command can
 * guess (it holds a random nonce): the stage's output then says which command failed.
 */
final class ShellScript {

  private static final String STEP = "__dapp_step";

  private final List<String> commands;
  private final String marker;

  ShellScript(List<String> commands, String nonce) {
    this.commands = List.copyOf(commands);
    this.marker = "dapp-failed-" + Objects.requireNonNull(nonce, "'nonce' must not be null");
    if (this.commands.isEmpty()) {
      throw new IllegalArgumentException("a script needs a command");
    }
  }

  /** What the runtime executes: the image's own shell, {@code -e}, the script. */
  List<String> argv() {
    return List.of("/bin/sh", "-e", "-c", text());
  }

  String text() {
    StringBuilder script = new StringBuilder();
    script.append("trap '").append(STEP).append("_status=$?; if [ \"$").append(STEP).append("_status\" -ne 0 ]; ")
        .append("then printf \"%s %s %s\\n\" ").append(marker).append(" \"$").append(STEP).append("\" \"$")
        .append(STEP).append("_status\" >&2; fi' EXIT\n");
    for (int i = 0; i < commands.size(); i++) {
      // A blank line after each command ends a trailing backslash's continuation before the next step.
      script.append(STEP).append('=').append(i + 1).append('\n').append(commands.get(i)).append("\n\n");
    }
    return script.toString();
  }

  /** The commands, in order. */
  List<String> commands() {
    return commands;
  }

  /** Which command failed, and with what status, as the exit trap printed it. */
  record Failure(int command, int status) {}

  /**
   * Reads one line of output: the part before the marker (the command's own last words when it printed no
   * line break), and the failure the marker reports, if the line has one.
   */
  Line read(String line) {
    int at = line.indexOf(marker + " ");
    if (at < 0) {
      return new Line(Optional.of(line), Optional.empty());
    }
    String[] fields = line.substring(at + marker.length() + 1).trim().split(" ");
    Optional<Failure> failure = Optional.empty();
    if (fields.length == 2) {
      try {
        int command = Integer.parseInt(fields[0]);
        int status = Integer.parseInt(fields[1]);
        if (command >= 1 && command <= commands.size()) {
          failure = Optional.of(new Failure(command, status));
        }
      } catch (NumberFormatException notOurs) {
        // a line that merely contains the marker: shown as it is
      }
    }
    if (failure.isEmpty()) {
      return new Line(Optional.of(line), Optional.empty());
    }
    return new Line(at == 0 ? Optional.empty() : Optional.of(line.substring(0, at)), failure);
  }

  /** A line of output as shown (nothing when it was only the marker), and the failure it reported. */
  record Line(Optional<String> shown, Optional<Failure> failure) {}
}
