package io.dapp.adapters.env.runtime;

import io.dapp.domain.port.StageRunners.OutputSink;
import java.util.Optional;

/**
 * Passes a run's lines on and keeps its first and last non-blank ones, which say why a runtime, unshare or
 * the set-up before the process failed. Called from the one reader thread; read after the run.
 */
final class NotedLines implements OutputSink {

  private final OutputSink next;
  private volatile String first;
  private volatile String last;

  NotedLines(OutputSink next) {
    this.next = next;
  }

  /** Keeps the lines without passing them on (a probe's). */
  static NotedLines only() {
    return new NotedLines(line -> { });
  }

  @Override
  public void line(String line) {
    if (!line.isBlank()) {
      String kept = line.strip();
      if (first == null) {
        first = kept;
      }
      last = kept;
    }
    next.line(line);
  }

  Optional<String> first() {
    return Optional.ofNullable(first);
  }

  Optional<String> last() {
    return Optional.ofNullable(last);
  }
}
