package io.dapp.adapters.cli;

import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.port.TransferProgress;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Transfers as progress bars on a terminal: a heading line per image, then one bar per blob with its bytes
 * and rate, redrawn in place (me.tongfei:progressbar keeps several bars at once, moving the cursor between
 * them) and left with the blob's outcome when it ends. The bars are rendered here to the width given, so
 * the library never has to ask a terminal for its size.
 */
final class TerminalTransferProgress implements TransferProgress {

  static final int DEFAULT_WIDTH = 80;
  private static final int REDRAW_MILLIS = 200;

  private final PrintStream out;
  private final int width;
  private String image;

  TerminalTransferProgress(PrintStream out, int width) {
    this.out = out;
    this.width = width;
  }

  /**
   * The terminal's width: {@code COLUMNS} when the shell exported it, else what {@code stty size} says of
   * the terminal, else 80. A bar wider than the terminal would wrap, and the cursor would no longer find it.
   */
  static int terminalWidth(String columns) {
    return width(columns).orElseGet(() -> width(sttyColumns()).orElse(DEFAULT_WIDTH));
  }

  static Optional<Integer> width(String columns) {
    try {
      int value = Integer.parseInt(columns == null ? "" : columns.trim());
      return value >= 20 && value <= 1000 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The columns of {@code stty size} ({@code "<rows> <columns>"}) on the controlling terminal; null when unknown. */
  private static String sttyColumns() {
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!stty.waitFor(1, TimeUnit.SECONDS)) {
        stty.destroyForcibly();
        return null;
      }
      String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
      return stty.exitValue() == 0 && size.length == 2 ? size[1] : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** An image's bars all begin before any of them ends, and end before the next image's begin. */
  @Override
  public synchronized Transfer begin(String image, String blob, long totalBytes) {
    if (!image.equals(this.image)) {
      out.println(image + ":");
      out.flush();
      this.image = image;
    }
    Bar bar = new Bar(totalBytes);
    bar.start(new ProgressBarBuilder()
        .setTaskName(blob)
        .setInitialMax(totalBytes)
        .setRenderer(bar)
        // one column less than the terminal: a line that fills it would wrap on some terminals
        .setConsumer(new InteractiveConsoleProgressBarConsumer(out, width - 1))
        .setUpdateIntervalMillis(REDRAW_MILLIS)
        .build());
    return bar;
  }

  /** One blob's bar; it measures the rate from the first byte, so time spent waiting for a slot does not count. */
  private static final class Bar implements Transfer, ProgressBarRenderer {

    private final long totalBytes;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ProgressBar bar;
    private volatile long firstByteNanos;
    private volatile long endNanos;
    private volatile long moved;

    Bar(long totalBytes) {
      this.totalBytes = totalBytes;
    }

    void start(ProgressBar progressBar) {
      bar = progressBar;
    }

    @Override
    public void progressed(long bytesSoFar) {
      if (firstByteNanos == 0 && bytesSoFar > 0) {
        firstByteNanos = System.nanoTime();
      }
      moved = Math.max(moved, bytesSoFar);
      bar.stepTo(bytesSoFar);
    }

    @Override
    public void finished(TransferOutcome outcome) {
      end(outcome.label(), totalBytes);
    }

    @Override
    public void failed() {
      end("failed", bar.getCurrent());
    }

    private void end(String outcome, long position) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      endNanos = System.nanoTime();
      bar.stepTo(position);
      bar.setExtraMessage(outcome);
      bar.close(); // draws the bar a last time, and waits for that
    }

    @Override
    public String render(ProgressState state, int maxLength) {
      return BarLine.render(state.getTaskName(), state.getCurrent(), totalBytes, rate(),
          Objects.requireNonNullElse(state.getExtraMessage(), ""), maxLength);
    }

    /** Bytes per second since the first byte; negative when no byte moved (mounted, already present). */
    private double rate() {
      long first = firstByteNanos;
      if (first == 0 || moved == 0) {
        return -1;
      }
      long end = endNanos != 0 ? endNanos : System.nanoTime();
      double seconds = Math.max(end - first, 1_000_000) / 1e9;
      return moved / seconds;
    }
  }
}
