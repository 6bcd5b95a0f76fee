package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** No blob with that digest in the repository. */
public final class BlobUnknownException extends RegistryException {

  public BlobUnknownException(RegistryAction action, RegistryHost host, Repository repository, Digest digest) {
    super(action, host, repository, "@" + digest, "blob unknown", null);
  }
}
