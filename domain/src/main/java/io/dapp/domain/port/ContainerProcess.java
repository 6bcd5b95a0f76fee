package io.dapp.domain.port;

import io.dapp.domain.image.ImagePaths;
import java.util.List;
import java.util.Objects;

/**
 * The process a stage runs in its root filesystem: argv (the image's own {@code /bin/sh}), environment
 * ({@code NAME=value}), working directory (absolute), numeric user and group, and the directories of this
 * machine it sees mounted.
 */
public record ContainerProcess(List<String> argv, List<String> environment, String workingDirectory, int uid,
    int gid, List<HostMount> mounts) {

  public ContainerProcess {
    argv = List.copyOf(argv);
    environment = List.copyOf(environment);
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(workingDirectory, "'workingDirectory' must not be null");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a process needs a program");
    }
    if (environment.stream().anyMatch(variable -> variable.indexOf('=') <= 0)) {
      throw new IllegalArgumentException("environment entries are NAME=value");
    }
    String problem = ImagePaths.absoluteProblem(workingDirectory);
    if (problem != null) {
      throw new IllegalArgumentException("working directory " + workingDirectory + ": " + problem);
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative");
    }
  }

  /** A process that sees no directory of this machine. */
  public ContainerProcess(List<String> argv, List<String> environment, String workingDirectory, int uid, int gid) {
    this(argv, environment, workingDirectory, uid, gid, List.of());
  }
}
