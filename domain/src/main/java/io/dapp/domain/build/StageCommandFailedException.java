package io.dapp.domain.build;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.Optional;

/**
 * A shell stage's command failed: {@code dimg 'backend': stage install: command 2 of 3 'npm ci' failed with
 * exit status 1}. Nothing of the stage was stored; the stages before it stay cached.
 */
public final class StageCommandFailedException extends OperationFailedException {

  private final String stage;
  private final Optional<String> command;
  private final int status;

  StageCommandFailedException(String dimg, String stage, Optional<String> command, int commandNumber,
      int commandCount, int status) {
    super(dimg + ": stage " + stage + ": " + command.map(c -> "command " + commandNumber + " of " + commandCount
        + " " + UserText.quote(c)).orElse("the commands") + " failed with exit status " + status + signal(status));
    this.stage = Objects.requireNonNull(stage, "'stage' must not be null");
    this.command = command;
    this.status = status;
  }

  /** The stage, as the original named it: {@code before_install}. */
  public String stage() {
    return stage;
  }

  /** The command that failed; empty when the script did not say (killed, or a command replaced the exit trap). */
  public Optional<String> command() {
    return command;
  }

  public int status() {
    return status;
  }

  private static String signal(int status) {
    return status > 128 && status < 128 + 65 ? " (killed by signal " + (status - 128) + ")" : "";
  }
}
