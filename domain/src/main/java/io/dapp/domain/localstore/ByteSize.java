package io.dapp.domain.localstore;

import java.util.Locale;

/** Sizes as docker prints them: decimal units, three significant digits ({@code 12.4 MB}). */
final class ByteSize {

  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private ByteSize() {}

  static String of(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size is never negative");
    }
    double value = bytes;
    int unit = 0;
    while (value >= 999.5 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    if (unit == 0) {
      return bytes + " B";
    }
    String digits = value >= 99.95 ? String.format(Locale.ROOT, "%.0f", value)
        : value >= 9.995 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    return digits + " " + UNITS[unit];
  }
}
