package io.dapp.adapters.cli;

import io.dapp.domain.port.PlainTransferProgress;

/**
 * One progress bar as text, exactly {@code width} characters (a shorter line would leave the end of the
 * one it overwrites): {@code layer sha256:0123456789ab [=====>    ] 12.0 MiB / 45.0 MiB 3.2 MiB/s pushed}.
 */
final class BarLine {

  private static final int MIN_BAR = 5;
  private static final int MAX_BAR = 40;
  /** Room kept after every bar: {@code ] 30.0 MiB / 30.0 MiB 72.6 MiB/s pushed} fits. */
  private static final int USUAL_SUFFIX = 40;

  private BarLine() {}

  /**
   * @param bytesPerSecond the rate, or a negative number when no bytes moved (nothing to show)
   * @param outcome how the transfer ended; empty while it runs
   */
  static String render(String name, long current, long total, double bytesPerSecond, String outcome, int width) {
    StringBuilder suffix = new StringBuilder("] ")
        .append(PlainTransferProgress.size(current)).append(" / ").append(PlainTransferProgress.size(total));
    if (bytesPerSecond >= 0) {
      suffix.append(' ').append(PlainTransferProgress.size(Math.round(bytesPerSecond))).append("/s");
    }
    if (!outcome.isEmpty()) {
      suffix.append(' ').append(outcome);
    }
    String prefix = name + " [";
    // The same bar width for every line when the terminal is wide enough, so that the bars line up; a
    // longer text than usual shortens its own bar rather than lose its end.
    int aligned = Math.min(MAX_BAR, width - prefix.length() - USUAL_SUFFIX);
    int fits = width - prefix.length() - suffix.length();
    int barWidth = aligned >= MIN_BAR ? Math.min(aligned, fits) : fits;
    String line;
    if (barWidth < MIN_BAR) {
      line = name + " " + suffix.substring(2);
    } else {
      int filled = total <= 0 ? barWidth : (int) Math.min(barWidth, barWidth * (double) current / total);
      StringBuilder bar = new StringBuilder(prefix);
      bar.append("=".repeat(filled));
      if (filled < barWidth) {
        bar.append('>').append(" ".repeat(barWidth - filled - 1));
      }
      line = bar.append(suffix).toString();
    }
    return line.length() >= width ? line.substring(0, Math.max(width, 0)) : line + " ".repeat(width - line.length());
  }
}
