package io.dapp.adapters.env.store;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.LocalImageStores;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Opens the store: {@code --store}, else {@code DAPP_STORE}, else {@code $HOME/.dapp/store}. */
public final class OciLayoutStores implements LocalImageStores {

  static final String STORE_VARIABLE = "DAPP_STORE";

  private final Environment environment;

  @Inject
  public OciLayoutStores(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
  }

  @Override
  public LocalImageStore open(Optional<Path> location) throws OperationFailedException {
    return OciLayoutStore.open(where(location));
  }

  @Override
  public Optional<LocalImageStore> openExisting(Optional<Path> location) throws OperationFailedException {
    Path root = where(location);
    return Files.isRegularFile(root.resolve("index.json")) ? Optional.of(OciLayoutStore.open(root)) : Optional.empty();
  }

  private Path where(Optional<Path> location) {
    return location.or(() -> environment.variable(STORE_VARIABLE).map(Path::of)).orElseGet(this::defaultLocation);
  }

  private Path defaultLocation() {
    Path home = environment.variable("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    return home.resolve(".dapp").resolve("store");
  }
}
