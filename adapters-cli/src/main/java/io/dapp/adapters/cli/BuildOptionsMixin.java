package io.dapp.adapters.cli;

import io.dapp.domain.model.Platform;
import io.dapp.domain.usecase.BuildOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of the commands that build: where the local image store is, how quiet. */
public final class BuildOptionsMixin {

  @Option(names = "--store", paramLabel = "DIR",
      description = "Local image store, an OCI image layout (default: $DAPP_STORE, else ~/.dapp/store).")
  private Path store;

  @Option(names = {"-q", "--quiet"}, description = "Print only warnings and errors.")
  private boolean quiet;

  /** The store named here; the platform is the registry options' ({@code --platform}, common to all commands). */
  public BuildOptions buildOptions(Platform platform) {
    return new BuildOptions(Optional.ofNullable(store).map(p -> p.toAbsolutePath().normalize()),
        platform);
  }

  public boolean quiet() {
    return quiet;
  }
}
