package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** The credentials for a registry could not be read from the docker config (malformed config.json, failing helper). */
public final class RegistryCredentialsException extends RegistryException {

  public RegistryCredentialsException(RegistryHost host, io.dapp.domain.error.DappException cause) {
    super(RegistryAction.LOGIN, host, null, null, "credentials could not be read: " + cause.getMessage(), cause);
  }
}
