package io.dapp.domain.build;

import io.dapp.domain.usecase.ShellRunOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one build runs its shell stages: the options of the command line, {@code DAPP_OCI_RUNTIME} (which
 * {@code --oci-runtime} overrides) and {@code SOURCE_DATE_EPOCH} (no mtime in a stage's layer is later).
 */
public record ShellSettings(ShellRunOptions options, Optional<Path> environmentRuntime,
    Optional<Instant> sourceDateEpoch) {

  public static final ShellSettings DEFAULT = new ShellSettings(ShellRunOptions.DEFAULT, Optional.empty(),
      Optional.empty());

  public ShellSettings {
    Objects.requireNonNull(options, "'options' must not be null");
    Objects.requireNonNull(environmentRuntime, "'environmentRuntime' must not be null");
    Objects.requireNonNull(sourceDateEpoch, "'sourceDateEpoch' must not be null");
  }
}
