package io.dapp.adapters.registry;

import io.dapp.domain.registry.RetryPolicy;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The retries left for one operation: exponential backoff with jitter, a server's {@code Retry-After}
 * honoured, attempts and total waiting bounded by the {@link RetryPolicy}. One budget per operation, never
 * shared.
 */
final class RetryBudget {

  /** Statuses that say "try again later" rather than "this is wrong". */
  static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private int attempts = 1;
  private Duration waited = Duration.ZERO;

  RetryBudget(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.random = random;
  }

  /**
   * Waits before the next attempt if the budget allows one.
   *
   * @param retryAfter the server's {@code Retry-After}, when it sent one
   * @return false when no attempt is left, the server asks for longer than the budget has, or the thread
   *     was interrupted while waiting (the interrupt is kept)
   */
  boolean waitForNextAttempt(Optional<Duration> retryAfter) {
    if (attempts >= policy.maxAttempts()) {
      return false;
    }
    Duration wait = retryAfter.orElseGet(this::backoff);
    if (waited.plus(wait).compareTo(policy.maxTotalWait()) > 0) {
      return false;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    waited = waited.plus(wait);
    attempts++;
    return true;
  }

  int attempts() {
    return attempts;
  }

  /** initial × 2^(attempt-1), capped, then "equal jitter": between half and all of it. */
  private Duration backoff() {
    long initial = policy.initialBackoff().toMillis();
    long exponential = initial << Math.min(attempts - 1, 20);
    long capped = Math.min(exponential, policy.maxBackoff().toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /** {@code Retry-After} as seconds or as an HTTP date; nonsense is ignored. */
  static Optional<Duration> parseRetryAfter(Optional<String> header, java.time.Clock clock) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
