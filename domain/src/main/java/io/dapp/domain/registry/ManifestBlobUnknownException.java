package io.dapp.domain.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/**
 * The registry refused a manifest because a blob it names is not in the repository
 * ({@code MANIFEST_BLOB_UNKNOWN}), although the client sent or found every one of them first: another
 * upload of the same blob to the same repository was being committed at that moment.
 */
public final class ManifestBlobUnknownException extends RegistryException {

  public ManifestBlobUnknownException(RegistryHost host, Repository repository, String subject, String said) {
    super(RegistryAction.PUSH_MANIFEST, host, repository, subject, said, null);
  }
}
