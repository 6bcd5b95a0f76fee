package io.dapp.adapters.env.process;

import java.time.Instant;

/**
 * A process told apart from later processes that reuse its pid: the pid plus the start time. A start time
 * of 0 means the platform did not tell it.
 */
public record ProcessIdentity(long pid, long startEpochMillis) {

  public ProcessIdentity {
    if (pid <= 0) {
      throw new IllegalArgumentException("'pid' must be positive");
    }
    if (startEpochMillis < 0) {
      throw new IllegalArgumentException("'startEpochMillis' must not be negative");
    }
  }

  public static ProcessIdentity current() {
    return of(ProcessHandle.current());
  }

  public static ProcessIdentity of(ProcessHandle process) {
    long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return new ProcessIdentity(process.pid(), start);
  }

  /**
   * Whether this very process still runs: a live process with this pid that started at another time is a
   * stranger that got the pid after ours exited. When a start time is unknown the pid alone decides.
   */
  public boolean isRunning() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(ProcessIdentity::of)
        .map(running -> startEpochMillis == 0 || running.startEpochMillis == 0
            || running.startEpochMillis == startEpochMillis)
        .orElse(false);
  }
}
