package io.dapp.adapters.registry;

import java.time.Duration;

/** Waits between retries; tests replace it to see the waits without spending them. */
@FunctionalInterface
interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
