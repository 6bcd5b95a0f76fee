package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** The registry refuses every delete (405 UNSUPPORTED): its storage.delete setting is off. */
public final class DeletionDisabledException extends RegistryException {

  public DeletionDisabledException(RegistryHost host, Repository repository, Digest digest) {
    super(RegistryAction.DELETE_MANIFEST, host, repository, "@" + digest, "deletion is disabled on this registry", null);
  }
}
