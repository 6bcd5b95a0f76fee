package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** The registry wants credentials that dapp does not have, or rejected the ones it has (401). */
public final class RegistryUnauthorizedException extends RegistryException {

  public RegistryUnauthorizedException(RegistryAction action, RegistryHost host, Repository repository, String subject,
      String problem) {
    super(action, host, repository, subject, problem, null);
  }
}
