package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** The registry could not be reached or stopped answering (connection refused, reset, timeout, DNS). */
public final class RegistryUnreachableException extends RegistryException {

  public RegistryUnreachableException(RegistryAction action, RegistryHost host, Repository repository, String problem,
      Throwable cause) {
    super(action, host, repository, null, problem, cause);
  }
}
