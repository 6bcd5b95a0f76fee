package io.dapp.domain.usecase;

import io.dapp.domain.model.Platform;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a build command builds: into which local store ({@code --store}), for which platform, and how its
 * shell stages run.
 */
public record BuildOptions(Optional<Path> store, Platform platform, ShellRunOptions shell) {

  public static final BuildOptions DEFAULT = new BuildOptions(Optional.empty(), Platform.LINUX_AMD64);

  public BuildOptions {
    Objects.requireNonNull(store, "'store' must not be null");
    Objects.requireNonNull(platform, "'platform' must not be null");
    Objects.requireNonNull(shell, "'shell' must not be null");
  }

  /** Shell stages run as they do by default. */
  public BuildOptions(Optional<Path> store, Platform platform) {
    this(store, platform, ShellRunOptions.DEFAULT);
  }
}
