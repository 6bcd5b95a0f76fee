package io.dapp.domain.usecase;

import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How shell stages run: the isolation asked for ({@code --isolation}; empty for auto: the OCI runtime where
 * it can run, chroot otherwise), the OCI runtime named ({@code --oci-runtime}; else {@code DAPP_OCI_RUNTIME},
 * else runc or crun on PATH) and the network ({@code --network}, the host's by default: builds fetch packages).
 */
public record ShellRunOptions(Optional<Isolation> isolation, Optional<Path> ociRuntime, NetworkMode network) {

  public static final ShellRunOptions DEFAULT = new ShellRunOptions(Optional.empty(), Optional.empty(), NetworkMode.HOST);

  public ShellRunOptions {
    Objects.requireNonNull(isolation, "'isolation' must not be null");
    Objects.requireNonNull(ociRuntime, "'ociRuntime' must not be null");
    Objects.requireNonNull(network, "'network' must not be null");
  }
}
