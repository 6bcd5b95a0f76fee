package io.dapp.adapters.cli;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.ShellRunOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of the commands that build and transfer: where the local image store is, how quiet, how parallel. */
public final class BuildOptionsMixin {

  @Option(names = "--store", paramLabel = "DIR",
      description = "Local image store, an OCI image layout (default: $DAPP_STORE, else ~/.dapp/store).")
  private Path store;

  @Option(names = {"-q", "--quiet"}, description = "Print only warnings and errors.")
  private boolean quiet;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "" + TransferJobs.DEFAULT_COUNT,
      description = "Blobs of an image transferred at once, 1 to 16 (default: ${DEFAULT-VALUE}).")
  private String jobs;

  @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
      description = "How shell stages run: oci (an OCI runtime such as runc), chroot (for runners that are "
          + "containers themselves), or auto: oci where it can run, else chroot (default: ${DEFAULT-VALUE}).")
  private IsolationMode isolation;

  @Option(names = "--oci-runtime", paramLabel = "PATH",
      description = "OCI runtime for shell stages (default: $DAPP_OCI_RUNTIME, else runc, then crun, on PATH).")
  private Path ociRuntime;

  @Option(names = "--network", paramLabel = "MODE", defaultValue = "host",
      description = "Network of shell stages: host (the machine's, to fetch packages) or none (default: "
          + "${DEFAULT-VALUE}).")
  private NetworkOption network;

  /** {@code --isolation}'s values, as the user writes them. */
  enum IsolationMode {
    auto, oci, chroot
  }

  /** {@code --network}'s values, as the user writes them. */
  enum NetworkOption {
    host, none
  }

  /** The store named here; the platform is the registry options' ({@code --platform}, common to all commands). */
  public BuildOptions buildOptions(Platform platform) {
    Optional<Isolation> chosen = switch (isolation == null ? IsolationMode.auto : isolation) {
      case auto -> Optional.empty();
      case oci -> Optional.of(Isolation.OCI);
      case chroot -> Optional.of(Isolation.CHROOT);
    };
    NetworkMode networkMode = network == NetworkOption.none ? NetworkMode.NONE : NetworkMode.HOST;
    return new BuildOptions(Optional.ofNullable(store).map(p -> p.toAbsolutePath().normalize()), platform,
        new ShellRunOptions(chosen, Optional.ofNullable(ociRuntime),
            networkMode));
  }

  public boolean quiet() {
    return quiet;
  }

  /** The common registry options with this command's {@code --jobs}. */
  public RegistryOptions registryOptions(RegistryOptions common) throws InvalidInputException {
    return common.withTransferJobs(TransferJobs.parse(jobs));
  }
}
