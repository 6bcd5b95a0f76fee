package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** The registry would have to be spoken to without TLS, and it is not listed as insecure. */
public final class InsecureRegistryException extends RegistryException {

  public InsecureRegistryException(RegistryAction action, RegistryHost host, String problem, Throwable cause) {
    super(action, host, null, null, problem + "; if " + host + " serves plain HTTP, list it with --insecure-registry"
        + " or DAPP_INSECURE_REGISTRY", cause);
  }
}
