package io.dapp.domain.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long a failed registry request is tried again: exponential backoff from
 * {@code initialBackoff}, each wait at most {@code maxBackoff}, all waits together at most {@code maxTotalWait}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60));

  /** One attempt and no waiting: for tests and for callers that retry themselves. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "'initialBackoff' must not be null");
    Objects.requireNonNull(maxBackoff, "'maxBackoff' must not be null");
    Objects.requireNonNull(maxTotalWait, "'maxTotalWait' must not be null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("'maxAttempts' must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxTotalWait.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
  }
}
