package io.dapp.domain.cleanup;

import io.dapp.domain.error.OperationFailedException;
import java.util.Objects;

/**
 * Some planned deletes failed; the others were done. The report says which: a program that embeds dapp reads
 * each outcome from it, as the command line printed them.
 */
public final class CleanupFailedException extends OperationFailedException {

  private final transient CleanupReport report;

  public CleanupFailedException(String message, CleanupReport report) {
    super(message);
    this.report = Objects.requireNonNull(report, "'report' must not be null");
  }

  public CleanupReport report() {
    return report;
  }
}
