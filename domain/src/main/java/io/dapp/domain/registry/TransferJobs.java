package io.dapp.domain.registry;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;

/**
 * How many blobs of an image move at once ({@code --jobs}): enough to keep a registry's connection busy
 * while another blob is hashed or written, few enough not to flood it.
 */
public record TransferJobs(int count) {

  public static final int MIN = 1;
  public static final int MAX = 16;
  /** A constant for option defaults: {@link #DEFAULT}'s count. */
  public static final int DEFAULT_COUNT = 4;
  public static final TransferJobs DEFAULT = new TransferJobs(DEFAULT_COUNT);
  /** One blob after another: no thread besides the caller's. */
  public static final TransferJobs SEQUENTIAL = new TransferJobs(1);

  public TransferJobs {
    if (count < MIN || count > MAX) {
      throw new IllegalArgumentException("'count' must be from " + MIN + " to " + MAX + ", not " + count);
    }
  }

  /** The value of {@code --jobs}: a whole number from 1 to 16. */
  public static TransferJobs parse(String text) throws InvalidInputException {
    String trimmed = text == null ? "" : text.trim();
    int count;
    try {
      count = Integer.parseInt(trimmed);
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < MIN || count > MAX) {
      throw new InvalidInputException("--jobs must be a whole number from " + MIN + " to " + MAX + ", not '"
          + oneLine(text) + "'");
    }
    return new TransferJobs(count);
  }

  private static String oneLine(String text) {
    String value = text == null ? "" : text;
    return UserText.escape(value.length() > 20 ? value.substring(0, 20) + "..." : value);
  }
}
