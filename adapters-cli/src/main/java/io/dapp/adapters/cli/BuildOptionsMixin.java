package io.dapp.adapters.cli;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.usecase.BuildOptions;
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

  /** The store named here; the platform is the registry options' ({@code --platform}, common to all commands). */
  public BuildOptions buildOptions(Platform platform) {
    return new BuildOptions(Optional.ofNullable(store).map(p -> p.toAbsolutePath().normalize()),
        platform);
  }

  public boolean quiet() {
    return quiet;
  }

  /** The common registry options with this command's {@code --jobs}. */
  public RegistryOptions registryOptions(RegistryOptions common) throws InvalidInputException {
    return common.withTransferJobs(TransferJobs.parse(jobs));
  }
}
