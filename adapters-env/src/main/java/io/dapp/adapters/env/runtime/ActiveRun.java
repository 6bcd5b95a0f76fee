package io.dapp.adapters.env.runtime;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.StageRunners.OutputSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One stage run from start to removal, whichever way it ends: {@link #finish} when its program exited,
 * {@link #stop} when the JVM exits meanwhile (from the shutdown hook, on another thread). Both end with its
 * directory removed, once; a stop that comes while the run finishes waits for that, so the JVM does not halt
 * halfway through. A run stopped before its program started never starts it.
 */
final class ActiveRun implements LiveRuns.LiveRun {

  /**
   * How long a stopped run's program may take to exit before it is killed too, and then before the run's
   * files are removed regardless.
   */
  private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(5);

  /** What the isolation does to a run, besides what this class does with its program and directory. */
  interface Isolated {

    /** Kills what the program started beyond its reach (the container, through the runtime). */
    void killContainer();

    /** Removes what the runtime keeps of a run after its program exited (a container it failed to delete). */
    void removeLeftovers();
  }

  private final RunDirectory directory;
  private final Isolated isolated;
  private final Object lock = new Object();
  private StageProcess process;
  private boolean ended;

  ActiveRun(RunDirectory directory, Isolated isolated) {
    this.directory = directory;
    this.isolated = isolated;
  }

  RunDirectory directory() {
    return directory;
  }

  /** Starts the run's program (see {@link StageProcess#start}), unless the run was stopped already. */
  StageProcess start(List<String> command, Map<String, String> environment, List<String> notices, OutputSink sink,
      String name) throws IOException, OperationFailedException {
    synchronized (lock) {
      if (ended) {
        throw new OperationFailedException("dapp is stopping: the stage's process was not started");
      }
      process = StageProcess.start(command, environment, notices, sink, name);
      return process;
    }
  }

  /** The program exited (or could not start): removes what the run left. */
  void finish() {
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
      if (process != null) {
        process.close();
      }
      isolated.removeLeftovers();
      directory.delete();
    }
  }

  /** Kills the run's processes, waits a little for them to go, and removes what the run left. */
  @Override
  public void stop() {
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
      if (process != null) {
        isolated.killContainer();
        kill();
        process.close();
      }
      isolated.removeLeftovers();
      directory.delete();
    }
  }

  private void kill() {
    try {
      process.kill(EXIT_AFTER_KILL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
