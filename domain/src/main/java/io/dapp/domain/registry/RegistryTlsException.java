package io.dapp.domain.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/**
 * TLS with a registry (or its token service, or where it redirects) failed for a reason the user can fix with
 * files: a certificate that no trusted CA signed, one that does not name the host, or a client certificate the
 * server asked for and did not get or refused. The problem says which, and where the file would go.
 */
public final class RegistryTlsException extends RegistryException {

  public RegistryTlsException(RegistryAction action, RegistryHost host, Repository repository, String problem,
      Throwable cause) {
    super(action, host, repository, null, problem, cause);
  }
}
