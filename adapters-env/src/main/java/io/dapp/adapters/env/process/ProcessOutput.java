package io.dapp.adapters.env.process;

import java.util.Objects;

/** What a finished program wrote and how it exited. */
public record ProcessOutput(int exitStatus, String standardOutput, String standardError) {

  public ProcessOutput {
    Objects.requireNonNull(standardOutput, "'standardOutput' must not be null");
    Objects.requireNonNull(standardError, "'standardError' must not be null");
  }

  public boolean succeeded() {
    return exitStatus == 0;
  }

  /** Records print their fields: a program's output may hold a secret (a credential helper's does). */
  @Override
  public String toString() {
    return "ProcessOutput[exitStatus=" + exitStatus + "]";
  }
}
