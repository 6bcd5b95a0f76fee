package io.dapp.adapters.env.process;

import java.time.Duration;

/** A program did not finish in time and was killed. */
public final class ProcessTimeoutException extends Exception {

  public ProcessTimeoutException(Duration timeout) {
    super("did not finish within " + (timeout.toMillis() % 1000 == 0
        ? timeout.toSeconds() + " s"
        : timeout.toMillis() + " ms"));
  }
}
