package io.dapp.domain.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.util.Optional;

/**
 * The registry knows who dapp is but does not allow the action (403, or 401 {@code insufficient_scope}).
 * The message says which credentials were used and, when known, what to do about it.
 */
public final class RegistryDeniedException extends RegistryException {

  private final String hint;

  public RegistryDeniedException(RegistryAction action, RegistryHost host, Repository repository, String subject,
      String problem, Optional<String> hint) {
    super(action, host, repository, subject, problem + hint.map(h -> "; " + h).orElse(""), null);
    this.hint = hint.orElse(null);
  }

  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }
}
