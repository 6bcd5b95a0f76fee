package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the local image store a command works with. */
public interface LocalImageStores {

  /**
   * The store at {@code location} when given ({@code --store}), else where the environment says
   * ({@code DAPP_STORE}), else the user's default ({@code ~/.dapp/store}); created when missing.
   */
  LocalImageStore open(Optional<Path> location) throws OperationFailedException;

  /**
   * The store {@link #open} would open, when it exists; empty, and nothing created, when it does not (a
   * command that only cleans has nothing to do there). Stores that cannot be missing open as {@code open}.
   */
  default Optional<LocalImageStore> openExisting(Optional<Path> location) throws OperationFailedException {
    return Optional.of(open(location));
  }
}
