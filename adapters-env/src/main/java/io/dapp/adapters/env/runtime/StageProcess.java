package io.dapp.adapters.env.runtime;

import io.dapp.domain.port.StageRunners.OutputSink;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A program that runs a stage (the OCI runtime, or unshare for chroot) started by this JVM: standard input
 * closed ({@code /dev/null}), standard output and error merged into one pipe that a reader thread cuts into
 * lines for the sink while the program runs.
 */
final class StageProcess {

  /** How long the output may go on after the program exited: only a process that escaped would hold it. */
  private static final Duration DRAIN = Duration.ofSeconds(10);
  private static final File DEV_NULL = new File("/dev/null");

  private final Process process;
  private final Thread reader;
  private final AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
  private volatile boolean open = true;

  private StageProcess(Process process, List<String> notices, OutputSink sink, String name) {
    this.process = process;
    this.reader = new Thread(() -> pump(notices, process.getInputStream(), sink), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code command} with exactly {@code environment}; the sink gets {@code notices} (dapp's own lines
   * about the run) first, from the same thread as the program's lines.
   */
  static StageProcess start(List<String> command, Map<String, String> environment, List<String> notices,
      OutputSink sink, String name) throws IOException {
    Objects.requireNonNull(sink, "'sink' must not be null");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new StageProcess(builder.start(), List.copyOf(notices), sink, name);
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the program to exit and its output to be passed on.
   *
   * @return its exit status (128 + N when signal N ended it)
   * @throws RuntimeException what the sink threw, once the program has ended
   */
  int waitFor() throws InterruptedException {
    int status = process.waitFor();
    reader.join(DRAIN.toMillis());
    open = false;
    RuntimeException failure = sinkFailure.get();
    if (failure != null) {
      throw failure;
    }
    return status;
  }

  /** Waits at most {@code timeout} for the program to exit; true when it did. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * SIGKILL to the program's children (the first process of the stage's PID namespace: the kernel then kills
   * every process in it), then waits for the program to exit, which it does once it has reaped that child,
   * whose own exit waits for the whole namespace; a program that does not exit in time is killed as well.
   * The children are listed while they are still its children: an orphan is nobody's descendant.
   */
  void kill(Duration grace) throws InterruptedException {
    process.children().forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(grace)) {
      process.destroyForcibly();
      awaitExit(grace);
    }
  }

  /** Stops passing lines on: after the run has returned, the sink hears nothing more. */
  void close() {
    open = false;
  }

  private void pump(List<String> notices, InputStream output, OutputSink sink) {
    OutputSink guarded = line -> {
      if (open && sinkFailure.get() == null) {
        try {
          sink.line(line);
        } catch (RuntimeException e) {
          // The output is still read to its end, or the program would block on a full pipe.
          sinkFailure.set(e);
        }
      }
    };
    notices.forEach(guarded::line);
    OutputLines lines = new OutputLines(guarded);
    byte[] buffer = new byte[8192];
    try (output) {
      int read;
      while ((read = output.read(buffer)) >= 0) {
        lines.accept(buffer, 0, read);
      }
    } catch (IOException e) {
      // The pipe broke: the program is gone, and its exit status tells what happened.
    }
    lines.finish();
  }
}
