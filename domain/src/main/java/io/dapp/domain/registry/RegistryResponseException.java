package io.dapp.domain.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.util.OptionalInt;

/**
 * The registry answered, but not as the protocol says it should: an unexpected status, a malformed or
 * oversized body, or a transient failure (429, 5xx) that outlasted the retries.
 */
public final class RegistryResponseException extends RegistryException {

  private final int status;

  public RegistryResponseException(RegistryAction action, RegistryHost host, Repository repository, String subject,
      int status, String problem) {
    super(action, host, repository, subject, problem, null);
    this.status = status;
  }

  /** The HTTP status, when the failure was one. */
  public OptionalInt status() {
    return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }
}
