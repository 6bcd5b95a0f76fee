package io.dapp.adapters.env.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stage runs of one {@link IsolatedStageRunners} that are still going. One shutdown hook, registered on
 * the first run, stops them when the JVM exits while they run (SIGINT, SIGTERM, System.exit): it kills each
 * run's processes and removes what the run set up.
 */
final class LiveRuns {

  /** A run that can be stopped from the shutdown hook; stopping twice (hook and run both) is harmless. */
  interface LiveRun {
    void stop();
  }

  private final Set<LiveRun> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookRegistered = new AtomicBoolean();

  /**
   * Registers the shutdown hook if this is the first run.
   *
   * @throws IllegalStateException when the JVM is already shutting down
   */
  void ensureShutdownHook() {
    if (hookRegistered.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "dapp-stage-run-stop"));
      } catch (IllegalStateException e) {
        hookRegistered.set(false);
        throw e;
      }
    }
  }

  void add(LiveRun run) {
    live.add(run);
  }

  void remove(LiveRun run) {
    live.remove(run);
  }

  int size() {
    return live.size();
  }

  void stopAll() {
    live.forEach(LiveRun::stop);
  }
}
