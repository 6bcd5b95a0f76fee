package io.dapp.domain.port;

import io.dapp.domain.image.ImagePaths;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory of this machine mounted, read-write, at {@code destination} (absolute, of the image) while a
 * stage's process runs: a dappfile's {@code mount}. What the process writes there stays on this machine and
 * is never part of a layer.
 */
public record HostMount(Path source, String destination) {

  public HostMount {
    Objects.requireNonNull(source, "'source' must not be null");
    Objects.requireNonNull(destination, "'destination' must not be null");
    if (source.toString().contains("\n") || destination.contains("\n")) {
      throw new IllegalArgumentException("a mount's paths are one line each");
    }
    if (!source.isAbsolute()) {
      throw new IllegalArgumentException("a mount's source is an absolute path, not " + source);
    }
    String problem = ImagePaths.absoluteProblem(destination);
    if (problem != null || ImagePaths.stripSlashes(destination).isEmpty()) {
      throw new IllegalArgumentException("mount destination " + destination + ": "
          + (problem != null ? problem : "it must not be /"));
    }
  }
}
