package io.dapp.domain.port;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;

/**
 * Transfers as log lines, one per finished blob ({@code <image>: <blob> pushed (12.3 MiB)}), on a console's
 * {@code info}. Blobs move in parallel and finish in any order, but a line is written only once every
 * transfer begun before it has ended, so the lines of an image always come in the order of its blobs.
 * A failed transfer writes nothing: its failure is reported once, by whoever catches it.
 */
public final class PlainTransferProgress implements TransferProgress {

  private final Console console;
  /** Begun and not yet written, in the order they began. */
  private final Deque<Line> pending = new ArrayDeque<>();

  public PlainTransferProgress(Console console) {
    this.console = Objects.requireNonNull(console, "'console' must not be null");
  }

  @Override
  public synchronized Transfer begin(String image, String blob, long totalBytes) {
    Line line = new Line(image + ": " + blob, totalBytes);
    pending.addLast(line);
    return line;
  }

  private synchronized void ended() {
    while (!pending.isEmpty() && pending.peekFirst().ended) {
      Line line = pending.removeFirst();
      if (line.outcome != null) {
        console.info(line.subject + " " + line.outcome.label() + " (" + size(line.totalBytes) + ")");
      }
    }
  }

  /** Bytes in binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 64.0 MiB}. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    // 1023.96 KiB would print as 1024.0 KiB: such a value reads better as 1.0 MiB
    while (value >= 1023.95 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private final class Line implements Transfer {

    private final String subject;
    private final long totalBytes;
    private TransferOutcome outcome;
    private boolean ended;

    Line(String subject, long totalBytes) {
      this.subject = subject;
      this.totalBytes = totalBytes;
    }

    @Override
    public void progressed(long bytesSoFar) {
      // a log shows outcomes only
    }

    @Override
    public void finished(TransferOutcome outcome) {
      synchronized (PlainTransferProgress.this) {
        if (ended) {
          return;
        }
        this.outcome = Objects.requireNonNull(outcome, "'outcome' must not be null");
        ended = true;
      }
      ended();
    }

    @Override
    public void failed() {
      synchronized (PlainTransferProgress.this) {
        if (ended) {
          return;
        }
        ended = true;
      }
      ended();
    }
  }
}
