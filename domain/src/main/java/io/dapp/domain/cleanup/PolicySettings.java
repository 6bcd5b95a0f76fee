package io.dapp.domain.cleanup;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.port.Environment;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The age and count limits of {@code dimg cleanup repo}, per dimg, from the environment: images of git
 * tags and of git commits older than their expiry period are deleted, then all but the newest
 * {@code limit} of what is left.
 */
public record PolicySettings(int gitTagsLimit, Duration gitTagsExpiry, int gitCommitsLimit,
    Duration gitCommitsExpiry) {

  public static final String GIT_TAGS_LIMIT_POLICY = "GIT_TAGS_LIMIT_POLICY";
  public static final String EXPIRY_DATE_PERIOD_POLICY = "EXPIRY_DATE_PERIOD_POLICY";
  public static final String GIT_COMMITS_LIMIT_POLICY = "GIT_COMMITS_LIMIT_POLICY";
  public static final String GIT_COMMITS_EXPIRY_DATE_PERIOD_POLICY = "GIT_COMMITS_EXPIRY_DATE_PERIOD_POLICY";

  private static final Duration THIRTY_DAYS = Duration.ofDays(30);
  public static final PolicySettings DEFAULTS = new PolicySettings(10, THIRTY_DAYS, 50, THIRTY_DAYS);

  public PolicySettings {
    if (gitTagsLimit < 0 || gitCommitsLimit < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
    Objects.requireNonNull(gitTagsExpiry, "'gitTagsExpiry' must not be null");
    Objects.requireNonNull(gitCommitsExpiry, "'gitCommitsExpiry' must not be null");
  }

  /** The variables' values where set, the defaults elsewhere. */
  public static PolicySettings fromEnvironment(Environment environment) throws InvalidInputException {
    return new PolicySettings(
        number(environment, GIT_TAGS_LIMIT_POLICY).map(Math::toIntExact).orElse(DEFAULTS.gitTagsLimit),
        number(environment, EXPIRY_DATE_PERIOD_POLICY).map(Duration::ofSeconds).orElse(DEFAULTS.gitTagsExpiry),
        number(environment, GIT_COMMITS_LIMIT_POLICY).map(Math::toIntExact).orElse(DEFAULTS.gitCommitsLimit),
        number(environment, GIT_COMMITS_EXPIRY_DATE_PERIOD_POLICY).map(Duration::ofSeconds)
            .orElse(DEFAULTS.gitCommitsExpiry));
  }

  private static Optional<Long> number(Environment environment, String name) throws InvalidInputException {
    Optional<String> value = environment.variable(name).map(String::trim);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed >= 0 && parsed <= Integer.MAX_VALUE) {
        return Optional.of(parsed);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(name + " must be a whole number from 0 to " + Integer.MAX_VALUE
        + ", not '" + value.get() + "'");
  }
}
