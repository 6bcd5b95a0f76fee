package io.dapp.adapters.registry;

import io.dapp.domain.registry.RetryPolicy;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** What retrying needs besides the policy: a clock, a way to wait, and randomness for jitter. */
record RetryTools(Clock clock, Sleeper sleeper, RandomGenerator random) {

  RetryBudget budget(RetryPolicy policy) {
    return new RetryBudget(policy, sleeper, random);
  }
}
