package io.dapp.adapters.env.process;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs programs as child processes of this JVM, with its environment or a given one. */
public final class SystemProcessRunner implements ProcessRunner {

  /** More than any credential helper answer; a runaway program must not fill the heap. */
  private static final int MAX_OUTPUT_BYTES = 1 << 20;

  @Inject
  public SystemProcessRunner() {
  }

  @Override
  public ProcessOutput run(Path executable, List<String> arguments, String standardInput, Duration timeout)
      throws IOException, ProcessTimeoutException {
    return start(executable, arguments, standardInput, timeout, null);
  }

  @Override
  public ProcessOutput run(Path executable, List<String> arguments, String standardInput, Duration timeout,
      Map<String, String> environment) throws IOException, ProcessTimeoutException {
    Objects.requireNonNull(environment, "'environment' must not be null");
    return start(executable, arguments, standardInput, timeout, environment);
  }

  /** {@code environment} null: this JVM's. */
  private ProcessOutput start(Path executable, List<String> arguments, String standardInput, Duration timeout,
      Map<String, String> environment) throws IOException, ProcessTimeoutException {
    Objects.requireNonNull(executable, "'executable' must not be null");
    Objects.requireNonNull(arguments, "'arguments' must not be null");
    Objects.requireNonNull(standardInput, "'standardInput' must not be null");
    Objects.requireNonNull(timeout, "'timeout' must not be null");
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (environment != null) {
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    Process process = builder.start();
    // Both streams are drained while the program runs: a full pipe would otherwise block it forever.
    CompletableFuture<String> out = drain(process.getInputStream(), executable + " stdout");
    CompletableFuture<String> err = drain(process.getErrorStream(), executable + " stderr");
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      feed(process.getOutputStream(), standardInput);
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill(process);
        throw new ProcessTimeoutException(timeout);
      }
      // A child the program left behind may hold the pipes open: output waits no longer than the deadline.
      String stdout = out.get(remaining(deadline), TimeUnit.NANOSECONDS);
      String stderr = err.get(remaining(deadline), TimeUnit.NANOSECONDS);
      return new ProcessOutput(process.exitValue(), stdout, stderr);
    } catch (TimeoutException e) {
      kill(process);
      throw new ProcessTimeoutException(timeout);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + executable, e);
    } catch (ExecutionException e) {
      throw new IOException("could not read the output of " + executable, e.getCause());
    }
  }

  private static long remaining(long deadline) {
    return Math.max(deadline - System.nanoTime(), 0);
  }

  private static void feed(OutputStream stdin, String input) {
    try (stdin) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The program exited without reading its input; its exit status tells what happened.
    }
  }

  private static CompletableFuture<String> drain(InputStream stream, String name) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        result.complete(readAtMost(stream));
      } catch (IOException e) {
        result.completeExceptionally(e);
      }
    }, name);
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  private static String readAtMost(InputStream stream) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = stream.read(buffer)) >= 0) {
      int room = MAX_OUTPUT_BYTES - bytes.size();
      bytes.write(buffer, 0, Math.min(read, Math.max(room, 0)));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * The program first, then what it started: killed the other way round, a shell wakes up when its child
   * dies and runs its next command before its own kill arrives. The children are listed before the parent
   * dies, since orphans are no longer its descendants.
   */
  private static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
