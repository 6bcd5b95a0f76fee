package io.dapp.domain.build;

import io.dapp.domain.port.MountDirectories;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.StageRunners;
import java.util.Objects;

/**
 * What running shell stages takes: root filesystems to run in, runners to isolate the process, and the
 * directories a dappfile's mounts put in it.
 */
public record ShellStagePorts(RootFilesystems rootFilesystems, StageRunners runners, MountDirectories mounts) {

  public ShellStagePorts {
    Objects.requireNonNull(rootFilesystems, "'rootFilesystems' must not be null");
    Objects.requireNonNull(runners, "'runners' must not be null");
    Objects.requireNonNull(mounts, "'mounts' must not be null");
  }
}
