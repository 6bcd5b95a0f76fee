package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** No manifest under that tag or digest, or no such repository. */
public final class ManifestUnknownException extends RegistryException {

  public ManifestUnknownException(RegistryAction action, RegistryHost host, Repository repository, String subject,
      String problem) {
    super(action, host, repository, subject, problem, null);
  }
}
