package io.dapp.adapters.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/** Records the waits a retry asked for instead of spending them, so tests assert waits without timing. */
final class RecordingSleeper implements Sleeper {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }

  RetryTools tools() {
    return new RetryTools(Clock.systemUTC(), this, RandomGenerator.of("L64X128MixRandom"));
  }
}
