package io.dapp.adapters.cli;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.Platform;
import io.dapp.domain.usecase.BuildOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of the commands that build: where the local image store is, for which platform, how quiet. */
public final class BuildOptionsMixin {

  @Option(names = "--store", paramLabel = "DIR",
      description = "Local image store, an OCI image layout (default: $DAPP_STORE, else ~/.dapp/store).")
  private Path store;

  @Option(names = "--platform", paramLabel = "OS/ARCH", defaultValue = "linux/amd64",
      description = "Platform of the base images and of the built images (default: ${DEFAULT-VALUE}).")
  private String platform;

  @Option(names = {"-q", "--quiet"}, description = "Print only warnings and errors.")
  private boolean quiet;

  public BuildOptions buildOptions() throws InvalidInputException {
    return new BuildOptions(Optional.ofNullable(store).map(p -> p.toAbsolutePath().normalize()),
        Platform.parse(platform));
  }

  public boolean quiet() {
    return quiet;
  }
}
