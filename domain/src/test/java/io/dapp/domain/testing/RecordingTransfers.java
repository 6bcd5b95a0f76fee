package io.dapp.domain.testing;

import io.dapp.domain.port.Console;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.port.TransferProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Transfer progress kept for assertions: each transfer's subject, size, bytes reported and outcome. */
public final class RecordingTransfers implements TransferProgress {

  /** One transfer as it was reported. */
  public static final class Recorded implements Transfer {

    /** {@code <image>: <blob>}, as a log line names it. */
    public final String subject;
    public final long totalBytes;
    private final List<Long> progress = new ArrayList<>();
    private TransferOutcome outcome;
    private boolean failed;

    Recorded(String subject, long totalBytes) {
      this.subject = subject;
      this.totalBytes = totalBytes;
    }

    @Override
    public synchronized void progressed(long bytesSoFar) {
      progress.add(bytesSoFar);
    }

    @Override
    public synchronized void finished(TransferOutcome outcome) {
      if (this.outcome == null && !failed) {
        this.outcome = outcome;
      }
    }

    @Override
    public synchronized void failed() {
      if (outcome == null) {
        failed = true;
      }
    }

    /** The last byte count reported; 0 when none was. */
    public synchronized long lastProgress() {
      return progress.isEmpty() ? 0 : progress.get(progress.size() - 1);
    }

    public synchronized List<Long> progress() {
      return List.copyOf(progress);
    }

    public synchronized Optional<TransferOutcome> outcome() {
      return Optional.ofNullable(outcome);
    }

    public synchronized boolean hasFailed() {
      return failed;
    }
  }

  private final List<Recorded> transfers = new ArrayList<>();

  @Override
  public synchronized Transfer begin(String image, String blob, long totalBytes) {
    Recorded recorded = new Recorded(image + ": " + blob, totalBytes);
    transfers.add(recorded);
    return recorded;
  }

  /** In the order they began. */
  public synchronized List<Recorded> transfers() {
    return List.copyOf(transfers);
  }

  /** A console that shows transfers here and keeps its lines in {@code lines}. */
  public Console console(RecordingConsole lines) {
    RecordingTransfers self = this;
    return new Console() {
      @Override
      public void info(String line) {
        lines.info(line);
      }

      @Override
      public void warn(String line) {
        lines.warn(line);
      }

      @Override
      public void debug(String line) {
        lines.debug(line);
      }

      @Override
      public TransferProgress transfers() {
        return self;
      }
    };
  }
}
