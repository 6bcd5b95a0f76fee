package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.port.RootFilesystem;
import io.dapp.domain.port.StageRunners;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Runs stages with an OCI runtime ({@link OciRuntime}) or chrooted ({@link ChrootIsolation}), both as root.
 * Whether an isolation can run here is found out by trying it once, and remembered for as long as this
 * object lives (one command). Runs keep their files in {@code $TMPDIR} (else {@code java.io.tmpdir}); one
 * shutdown hook stops the runs still going when the JVM exits.
 */
public final class IsolatedStageRunners implements StageRunners {

  static final String NO_RUNTIME =
      "no OCI runtime: install runc (apt-get install runc), or name one with --oci-runtime PATH";

  private final Host host;
  private final LongSupplier effectiveUid;
  private final ChrootIsolation chroot;
  private final Map<Path, OciRuntime> runtimes = new ConcurrentHashMap<>();
  private final Map<Path, Optional<String>> runtimeAvailability = new ConcurrentHashMap<>();

  @Inject
  public IsolatedStageRunners(Environment environment) {
    this(environment,
        environment.variable("TMPDIR").map(Path::of).orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"))),
        IsolatedStageRunners::currentEffectiveUid);
  }

  /** With the temporary directory given, and who dapp runs as (tests pretend not to be root). */
  IsolatedStageRunners(Environment environment, Path temporaryDirectory, LongSupplier effectiveUid) {
    Objects.requireNonNull(environment, "'environment' must not be null");
    this.effectiveUid = Objects.requireNonNull(effectiveUid, "'effectiveUid' must not be null");
    this.host = new Host(environment.variables(), ExecutableSearchPath.fromEnvironment(environment),
        temporaryDirectory, new LiveRuns());
    this.chroot = new ChrootIsolation(host);
  }

  @Override
  public Optional<Path> ociRuntime(Optional<Path> named) {
    Objects.requireNonNull(named, "'named' must not be null");
    if (named.isPresent()) {
      return named;
    }
    ExecutableSearchPath path = host.searchPath();
    return path.find("runc").or(() -> path.find("crun"));
  }

  @Override
  public Optional<String> unavailable(Isolation isolation, Optional<Path> ociRuntime) {
    Objects.requireNonNull(isolation, "'isolation' must not be null");
    Objects.requireNonNull(ociRuntime, "'ociRuntime' must not be null");
    long uid = effectiveUid.getAsLong();
    return switch (isolation) {
      case OCI -> {
        if (uid != 0) {
          yield Optional.of("shell stages need root: dapp runs as uid " + uid
              + " (a rootless OCI runtime needs user namespaces, which dapp does not set up)");
        }
        if (ociRuntime.isEmpty()) {
          yield Optional.of(NO_RUNTIME);
        }
        yield runtimeAvailability.computeIfAbsent(ociRuntime.get(), runtime -> runtime(runtime).unavailable());
      }
      case CHROOT -> uid != 0
          ? Optional.of("shell stages need root: chroot isolation mounts and chroots, and dapp runs as uid " + uid)
          : chroot.unavailable();
    };
  }

  @Override
  public int run(Isolation isolation, Optional<Path> ociRuntime, NetworkMode network, RootFilesystem root,
      ContainerProcess process, OutputSink output) throws DappException {
    Objects.requireNonNull(network, "'network' must not be null");
    Objects.requireNonNull(root, "'root' must not be null");
    Objects.requireNonNull(process, "'process' must not be null");
    Objects.requireNonNull(output, "'output' must not be null");
    Optional<String> unavailable = unavailable(isolation, ociRuntime);
    if (unavailable.isPresent()) {
      throw new OperationFailedException(unavailable.get());
    }
    Path directory = root.directory();
    if (!Files.isDirectory(directory)) {
      throw new OperationFailedException("the root filesystem " + directory + " is not a directory");
    }
    return switch (isolation) {
      case OCI -> runtime(ociRuntime.orElseThrow()).run(network, directory, process, output);
      case CHROOT -> chroot.run(network, directory, process, output);
    };
  }

  /** Runs still going (for tests). */
  int liveRuns() {
    return host.liveRuns().size();
  }

  private OciRuntime runtime(Path executable) {
    return runtimes.computeIfAbsent(executable, path -> new OciRuntime(path, host));
  }

  /** The effective uid, from the kernel's own account of this process; -1 when it cannot be read. */
  static long currentEffectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring("Uid:".length()).strip().split("\\s+")[1]);
        }
      }
    } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
      // Not Linux, or a /proc unlike Linux's: not root as far as dapp can tell.
    }
    return -1;
  }
}
