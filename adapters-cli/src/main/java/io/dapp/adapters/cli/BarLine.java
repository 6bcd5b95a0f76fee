package io.dapp.adapters.cli;

import io.dapp.domain.port.PlainTransferProgress;

/**
 * One progress bar as text, exactly {@code width} characters (a shorter line would leave the end of the
 * one it overwrites): {@code layer sha256:0123456789ab [=====>    ] 12.0 MiB / 45.0 MiB 3.2 MiB/s pushed}.
 */
final class BarLine {

  private static final int MIN_BAR = 5;
  private static final int MAX_BAR = 40;
  /** {@code ] 1023.9 KiB / 1023.9 KiB 1023.9 KiB/s pushed}: what follows a bar at most, but for a long outcome without rate. */
  private static final int WIDEST_SUFFIX = 47;

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
    // The same bar width for every line when the terminal is wide enough, so that the bars line up.
    int barWidth = Math.min(MAX_BAR, width - prefix.length() - WIDEST_SUFFIX);
    if (barWidth < MIN_BAR) {
      barWidth = width - prefix.length() - suffix.length();
    }
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
