package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.process.ProcessTimeoutException;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.port.StageRunners.OutputSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Runs a stage with an OCI runtime (runc, crun): a bundle in a private run directory, then
 * {@code RUNTIME --root STATE --log LOG --log-format json run --bundle DIR ID}. The state directory is the
 * run's own, so runs never see each other's containers and nothing is left in {@code /run/runc}; the
 * runtime's own errors go to its log, the container's output to the sink.
 */
final class OciRuntime {

  /** A program no root filesystem has: a runtime that works gets as far as executing it, and says so. */
  static final String PROBE_PROGRAM = "/.dapp-probe";
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  /** How long {@code kill} and {@code delete} may take when a run is stopped. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /** runc prefixes its errors with this; the rest says what went wrong. */
  private static final Pattern RUN_FAILED = Pattern.compile("^\\S+ run failed: ");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path executable;
  private final Host host;

  OciRuntime(Path executable, Host host) {
    this.executable = executable;
    this.host = host;
  }

  String name() {
    return executable.getFileName().toString();
  }

  /**
   * Why this runtime cannot run containers here, or empty when it can: it runs a bundle with an empty root
   * whose process is {@link #PROBE_PROGRAM}.
   */
  Optional<String> unavailable() {
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      return Optional.of("the OCI runtime " + executable + " is not an executable file (--oci-runtime or"
          + " DAPP_OCI_RUNTIME)");
    }
    List<String> lines = new CopyOnWriteArrayList<>();
    OutputSink firstLines = line -> {
      if (lines.size() < 20) {
        lines.add(line);
      }
    };
    try {
      RunDirectory directory = RunDirectory.create(host.temporaryDirectory(), "dapp-oci-probe-");
      try {
        return probe(directory, lines, firstLines);
      } finally {
        directory.delete();
      }
    } catch (IOException | OperationFailedException e) {
      return Optional.of(name() + " cannot run containers here: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(name() + " cannot run containers here: interrupted while trying it");
    }
  }

  private Optional<String> probe(RunDirectory directory, List<String> lines, OutputSink firstLines)
      throws IOException, OperationFailedException, InterruptedException {
    Path root = Files.createDirectory(directory.path().resolve("rootfs"));
    ContainerProcess probe = new ContainerProcess(List.of(PROBE_PROGRAM), List.of("PATH=/bin"), "/", 0, 0);
    RootMountPoints.Plan plan = RootMountPoints.prepare(root, probe.workingDirectory());
    Outcome outcome = execute(directory, root, plan, probe, NetworkMode.NONE, firstLines, PROBE_TIMEOUT);
    if (outcome.timedOut()) {
      return Optional.of(name() + " cannot run containers here: it did not finish a container within "
          + PROBE_TIMEOUT.toSeconds() + " s");
    }
    List<String> said = new ArrayList<>();
    outcome.error().ifPresent(said::add);
    said.addAll(lines);
    if (said.stream().anyMatch(line -> line.contains(PROBE_PROGRAM))) {
      return Optional.empty();
    }
    String reason = said.stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
        .map(OciRuntime::withoutPrefix)
        .orElse("it exited with status " + outcome.status() + " and said nothing");
    return Optional.of(name() + " cannot run containers here: " + reason);
  }

  /** Runs {@code process} in {@code root} and returns its exit status. */
  int run(NetworkMode network, Path root, ContainerProcess process, OutputSink output)
      throws OperationFailedException {
    RootMountPoints.Plan plan = RootMountPoints.prepare(root, process.workingDirectory(), process.mounts());
    try {
      RunDirectory directory = RunDirectory.create(host.temporaryDirectory(), "dapp-oci-run-");
      Outcome outcome = execute(directory, root, plan, process, network, output, null);
      if (outcome.status() != 0 && outcome.error().isPresent()) {
        throw new OperationFailedException(name() + " could not run the stage's process: "
            + withoutPrefix(outcome.error().get()));
      }
      return outcome.status();
    } catch (IOException e) {
      throw new OperationFailedException("could not run the stage's process with " + executable + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while the stage's process ran");
    }
  }

  /** What became of a run: its status, the runtime's first logged error, whether it overran its time. */
  private record Outcome(int status, Optional<String> error, boolean timedOut) {
  }

  /**
   * Writes the bundle in {@code directory}, runs it, and removes the directory (also when the JVM exits
   * meanwhile). With a {@code timeout}, a run that overruns it is stopped.
   */
  private Outcome execute(RunDirectory directory, Path root, RootMountPoints.Plan plan, ContainerProcess process,
      NetworkMode network, OutputSink output, Duration timeout)
      throws IOException, OperationFailedException, InterruptedException {
    String id = "dapp-" + HexFormat.of().formatHex(randomBytes());
    Path state = directory.path().resolve("state");
    Path log = directory.path().resolve("runtime.log");
    ActiveRun run = new ActiveRun(directory, new Container(id, state));
    try {
      host.liveRuns().ensureShutdownHook();
      host.liveRuns().add(run);
    } catch (IllegalStateException e) {
      directory.delete();
      throw new OperationFailedException("dapp is stopping: the stage's process was not started");
    }
    try {
      directory.copyHostFiles(OciConfig.HOSTNAME);
      Files.write(directory.path().resolve("config.json"),
          OciConfig.of(root, process, network, directory, plan, OpenFileLimit.forStages()).toJson());
      Files.createDirectory(state);
      List<String> command = List.of(executable.toString(), "--root", state.toString(), "--log", log.toString(),
          "--log-format", "json", "run", "--bundle", directory.path().toString(), id);
      List<String> notices = plan.notices().stream().map(notice -> "dapp: " + notice).toList();
      StageProcess stage = run.start(command, host.variables(), notices, output, id);
      if (timeout != null && !stage.awaitExit(timeout)) {
        run.stop();
        return new Outcome(-1, Optional.empty(), true);
      }
      int status = stage.waitFor();
      return new Outcome(status, status == 0 ? Optional.empty() : RuntimeLog.firstError(log), false);
    } catch (InterruptedException e) {
      run.stop();
      throw e;
    } finally {
      run.finish();
      host.liveRuns().remove(run);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String withoutPrefix(String message) {
    return RUN_FAILED.matcher(message).replaceFirst("");
  }

  /** The runtime's side of a run: the container, known by its id in the run's own state directory. */
  private final class Container implements ActiveRun.Isolated {

    private final String id;
    private final Path state;

    Container(String id, Path state) {
      this.id = id;
      this.state = state;
    }

    /** SIGKILL to the container's first process: its PID namespace ends, and every process in it dies. */
    @Override
    public void killContainer() {
      runtime("kill", id, "KILL");
      runtime("delete", "--force", id);
    }

    /** A container the runtime did not delete (it was killed, or failed halfway). */
    @Override
    public void removeLeftovers() {
      if (Files.exists(state.resolve(id))) {
        runtime("delete", "--force", id);
      }
    }

    private void runtime(String... arguments) {
      List<String> full = new ArrayList<>(List.of("--root", state.toString()));
      full.addAll(List.of(arguments));
      try {
        new SystemProcessRunner().run(executable, full, "", COMMAND_TIMEOUT, host.variables());
      } catch (IOException | ProcessTimeoutException e) {
        // Best effort while stopping: the PID namespace still ends with the runtime's process.
      }
    }
  }
}
