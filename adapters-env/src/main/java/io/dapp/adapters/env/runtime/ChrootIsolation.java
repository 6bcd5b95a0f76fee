package io.dapp.adapters.env.runtime;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.port.StageRunners.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a stage chrooted, as buildah's {@code --isolation chroot} does, for CI runners that are containers
 * themselves: util-linux's {@code unshare} makes new mount, PID, IPC and UTS namespaces (and a network one
 * for no network), a set-up script (chroot-setup.sh) mounts {@code /proc}, {@code /dev}, {@code /sys} and the
 * host's file copies below the root inside the new mount namespace, then the process runs through
 * {@code env -i} (its environment only, plus {@code HOME} when it has none, as runc adds it), {@code setpriv}
 * (no new privileges, the default capabilities) and {@code unshare --root --wd --setuid --setgid} (chroot,
 * working directory, user and group, no supplementary groups).
 *
 * <p>The process is the first of its PID namespace, so when it exits, whatever it left running is killed by
 * the kernel, and the mounts go with the namespace. Without namespaces (unshare refused) this isolation is
 * unavailable rather than mounting on the host: a mount made there outlives a killed dapp, and a root
 * removed with the host's {@code /dev} still bound in it would take the host's devices along.
 */
final class ChrootIsolation {

  static final List<String> TOOLS = List.of("unshare", "setpriv", "env", "sh", "mount");
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String SETUP = setupScript();

  private final Host host;
  private volatile Probe probe;

  /** What the probe found: why this isolation cannot run at all, or why it cannot make a network namespace. */
  private record Probe(Optional<String> unavailable, Optional<String> noNetworkNamespace) {
  }

  ChrootIsolation(Host host) {
    this.host = host;
  }

  /** Why chroot isolation cannot run here (asked once, then remembered), or empty when it can. */
  Optional<String> unavailable() {
    return probe().unavailable();
  }

  int run(NetworkMode network, Path root, ContainerProcess process, OutputSink output)
      throws OperationFailedException {
    Optional<String> unavailable = unavailable();
    if (unavailable.isPresent()) {
      throw new OperationFailedException(unavailable.get());
    }
    Optional<String> noNetworkNamespace = probe().noNetworkNamespace();
    if (network == NetworkMode.NONE && noNetworkNamespace.isPresent()) {
      throw new OperationFailedException("chroot isolation cannot take the network away here ("
          + noNetworkNamespace.get() + "): run the stage with the host's network");
    }
    RootMountPoints.Plan plan = RootMountPoints.prepare(root, process.workingDirectory(), process.mounts());
    try {
      RunDirectory directory = RunDirectory.create(host.temporaryDirectory(), "dapp-chroot-run-");
      NotedLines noted = new NotedLines(output);
      Outcome outcome = execute(directory, root, plan, process, network, noted, null);
      String last = noted.last().orElse("it said nothing");
      if (!outcome.ready()) {
        throw new OperationFailedException("chroot isolation could not ready the root filesystem: " + last);
      }
      if ((outcome.status() == 126 || outcome.status() == 127) && last.startsWith("unshare: failed to execute")) {
        throw new OperationFailedException("could not run the stage's process: " + last);
      }
      return outcome.status();
    } catch (IOException e) {
      throw new OperationFailedException("could not run the stage's process chrooted: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while the stage's process ran");
    }
  }

  private Probe probe() {
    Probe known = probe;
    if (known == null) {
      synchronized (this) {
        known = probe;
        if (known == null) {
          known = findOut();
          probe = known;
        }
      }
    }
    return known;
  }

  /** Runs the whole way to exec with an empty root and a program it does not have: first without network. */
  private Probe findOut() {
    List<String> missing = TOOLS.stream().filter(tool -> host.searchPath().find(tool).isEmpty()).toList();
    if (!missing.isEmpty()) {
      return new Probe(Optional.of("chroot isolation needs " + String.join(", ", missing)
          + " on PATH (util-linux, coreutils, mount: apt-get install util-linux mount)"), Optional.empty());
    }
    Optional<String> withoutNetwork = tryOnce(NetworkMode.NONE);
    if (withoutNetwork.isEmpty()) {
      return new Probe(Optional.empty(), Optional.empty());
    }
    Optional<String> withNetwork = tryOnce(NetworkMode.HOST);
    if (withNetwork.isEmpty()) {
      return new Probe(Optional.empty(), withoutNetwork);
    }
    return new Probe(Optional.of("chroot isolation cannot run here: " + withNetwork.get()
        + " (it makes mount and PID namespaces, which a CI container allows when it is privileged)"),
        Optional.empty());
  }

  /** Why a run with {@code network} fails before its process, or empty when it gets as far as exec. */
  private Optional<String> tryOnce(NetworkMode network) {
    List<String> lines = new CopyOnWriteArrayList<>();
    OutputSink firstLines = line -> {
      if (lines.size() < 20) {
        lines.add(line);
      }
    };
    try {
      RunDirectory directory = RunDirectory.create(host.temporaryDirectory(), "dapp-chroot-probe-");
      try {
        Path root = Files.createDirectory(directory.path().resolve("rootfs"));
        ContainerProcess probe = new ContainerProcess(List.of(OciRuntime.PROBE_PROGRAM), List.of("PATH=/bin"), "/",
            0, 0);
        RootMountPoints.Plan plan = RootMountPoints.prepare(root, probe.workingDirectory());
        Outcome outcome = execute(directory, root, plan, probe, network, firstLines, PROBE_TIMEOUT);
        if (outcome.timedOut()) {
          return Optional.of("it did not get to run a process within " + PROBE_TIMEOUT.toSeconds() + " s");
        }
        if (outcome.ready() && lines.stream().anyMatch(line -> line.contains(OciRuntime.PROBE_PROGRAM))) {
          return Optional.empty();
        }
        return Optional.of(lines.stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
            .orElse("it exited with status " + outcome.status() + " and said nothing"));
      } finally {
        directory.delete();
      }
    } catch (IOException | OperationFailedException e) {
      return Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while trying it");
    }
  }

  /** What became of a run: its status, whether the set-up got as far as the process, whether it overran. */
  private record Outcome(int status, boolean ready, boolean timedOut) {
  }

  private Outcome execute(RunDirectory directory, Path root, RootMountPoints.Plan plan, ContainerProcess process,
      NetworkMode network, OutputSink output, Duration timeout)
      throws IOException, OperationFailedException, InterruptedException {
    ActiveRun run = new ActiveRun(directory, new Namespaces());
    try {
      host.liveRuns().ensureShutdownHook();
      host.liveRuns().add(run);
    } catch (IllegalStateException e) {
      directory.delete();
      throw new OperationFailedException("dapp is stopping: the stage's process was not started");
    }
    try {
      directory.copyHostFiles(OciConfig.HOSTNAME);
      // The process's own mounts, for the set-up script: each a source line and a destination line.
      List<String> binds = new ArrayList<>();
      plan.binds().forEach(bind -> binds.addAll(List.of(bind.source().toString(), bind.destination())));
      Files.write(directory.path().resolve("binds"), binds);
      List<String> notices = new ArrayList<>();
      plan.notices().forEach(notice -> notices.add("dapp: " + notice));
      List<String> command = command(directory, root, plan, process, network, notices);
      StageProcess stage = run.start(command, environment(), notices, output, "dapp-chroot");
      if (timeout != null && !stage.awaitExit(timeout)) {
        run.stop();
        return new Outcome(-1, false, true);
      }
      int status = stage.waitFor();
      return new Outcome(status, Files.exists(directory.path().resolve("ready")), false);
    } catch (InterruptedException e) {
      run.stop();
      throw e;
    } finally {
      run.finish();
      host.liveRuns().remove(run);
    }
  }

  /** The command line; {@code notices} gets what the user should know about it. */
  private List<String> command(RunDirectory directory, Path root, RootMountPoints.Plan plan,
      ContainerProcess process, NetworkMode network, List<String> notices) {
    List<String> command = new ArrayList<>(List.of(tool("unshare"), "--mount", "--pid", "--ipc", "--uts"));
    String ip = "-";
    if (network == NetworkMode.NONE) {
      command.add("--net");
      Optional<Path> ipProgram = host.searchPath().find("ip");
      if (ipProgram.isPresent()) {
        ip = ipProgram.get().toString();
      } else {
        notices.add("dapp: no ip program on PATH (iproute2): the stage's loopback interface stays down");
      }
    }
    command.addAll(List.of("--fork", "--kill-child", "--propagation", "private", "--",
        tool("sh"), "-c", SETUP, "dapp-chroot-setup", root.toString(), directory.path().toString(), ip,
        plan.resolvConf() ? "1" : "0", plan.hosts() ? "1" : "0"));
    command.addAll(List.of(tool("env"), "-i", "--"));
    command.addAll(process.environment());
    if (process.environment().stream().noneMatch(variable -> variable.startsWith("HOME="))) {
      command.add("HOME=" + PasswdHome.of(root, process.uid()));
    }
    command.addAll(List.of(tool("setpriv"), "--nnp", "--bounding-set", DefaultCapabilities.setprivBoundingSet(),
        tool("unshare"), "--root", root.toString(), "--wd", process.workingDirectory(),
        "--setuid", Integer.toString(process.uid()), "--setgid", Integer.toString(process.gid()), "--"));
    command.addAll(process.argv());
    return command;
  }

  /** The set-up script's: the host's PATH for its programs, and what it mounts; env -i drops all of it. */
  private Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", host.variables().getOrDefault("PATH", DEFAULT_PATH));
    environment.put("LC_ALL", "C");
    environment.put("DAPP_HOSTNAME", OciConfig.HOSTNAME);
    environment.put("DAPP_MASKED_PATHS", String.join(" ", OciConfig.MASKED_PATHS));
    environment.put("DAPP_READONLY_PATHS", String.join(" ", OciConfig.READONLY_PATHS));
    OpenFileLimit openFiles = OpenFileLimit.forStages();
    environment.put("DAPP_NOFILE_SOFT", Long.toString(openFiles.soft()));
    environment.put("DAPP_NOFILE_HARD", Long.toString(openFiles.hard()));
    return environment;
  }

  private String tool(String name) {
    return host.searchPath().find(name).map(Path::toString).orElse(name);
  }

  private static String setupScript() {
    try (InputStream script = ChrootIsolation.class.getResourceAsStream("chroot-setup.sh")) {
      if (script == null) {
        throw new IllegalStateException("chroot-setup.sh is missing from dapp's classes");
      }
      return new String(script.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The namespaces' side of a run: nothing beyond killing unshare's child, the first process of the PID
   * namespace (which {@link StageProcess#kill} does), so that the kernel kills every process in it. unshare's
   * --kill-child would do it too, but a process that changed its user lost that parent-death signal.
   */
  private static final class Namespaces implements ActiveRun.Isolated {

    @Override
    public void killContainer() {
      // StageProcess.kill kills unshare's children first: the namespace's first process.
    }

    @Override
    public void removeLeftovers() {
      // The mounts live in the mount namespace, which ended with its processes.
    }
  }
}
