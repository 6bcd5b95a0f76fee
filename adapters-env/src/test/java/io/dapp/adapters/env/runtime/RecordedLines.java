package io.dapp.adapters.env.runtime;

import io.dapp.domain.port.StageRunners.OutputSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An output sink that keeps the lines, and can act on each as it arrives (while the process still runs). */
final class RecordedLines implements OutputSink {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private final Consumer<String> onLine;

  RecordedLines() {
    this(line -> { });
  }

  RecordedLines(Consumer<String> onLine) {
    this.onLine = onLine;
  }

  @Override
  public void line(String line) {
    lines.add(line);
    threads.add(Thread.currentThread().getName());
    onLine.accept(line);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The names of the threads the lines came from. */
  List<String> threads() {
    return List.copyOf(threads);
  }
}
