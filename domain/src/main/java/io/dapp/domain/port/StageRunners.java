package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a stage's process in a root filesystem, isolated as asked. The domain chooses the isolation (see
 * {@code io.dapp.domain.build.IsolationChoice}); this port says what can run here and runs it.
 *
 * <p>Whatever the isolation, the process sees: {@code /proc}; a tmpfs {@code /dev} with the usual device
 * nodes ({@code null zero full random urandom tty}, {@code /dev/pts}, {@code /dev/shm}); a read-only
 * {@code /sys}; copies of the host's {@code /etc/resolv.conf} and {@code /etc/hosts} (its changes to them are
 * dropped). These are {@link #MOUNT_POINTS}: none of them is ever part of a layer.
 */
public interface StageRunners {

  /** Paths (relative) the runner mounts over; the domain drops them, and all below them, from a stage's changes. */
  List<String> MOUNT_POINTS = List.of("proc", "sys", "dev", "etc/resolv.conf", "etc/hosts");

  /** Where the OCI runtime is: {@code --oci-runtime}/{@code DAPP_OCI_RUNTIME} when given, else runc, then crun, on PATH. */
  Optional<Path> ociRuntime(Optional<Path> named);

  /**
   * Why {@code isolation} cannot run a process on this machine (the runtime is missing, fails on this
   * cgroup layout, dapp is not root, namespaces are not allowed), or empty when it can. Asked once per
   * command; the answer says what the user can do, in one line.
   */
  Optional<String> unavailable(Isolation isolation, Optional<Path> ociRuntime);

  /**
   * Runs {@code process} in {@code root} and waits for it. Its standard output and error, merged, reach
   * {@code output} line by line as they are written. When the JVM is stopped meanwhile (SIGINT, SIGTERM),
   * the process and everything it started are killed and whatever the run set up is removed.
   *
   * @return the process's exit status (128 + N when signal N ended it)
   * @throws io.dapp.domain.error.OperationFailedException when the process could not be started at all
   */
  int run(Isolation isolation, Optional<Path> ociRuntime, NetworkMode network, RootFilesystem root,
      ContainerProcess process, OutputSink output) throws DappException;

  /** Receives a running process's output, one line at a time (without its line break), from one thread. */
  @FunctionalInterface
  interface OutputSink {
    void line(String line);
  }
}
