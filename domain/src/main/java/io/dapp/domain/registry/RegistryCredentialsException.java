package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/**
 * The credentials for a registry could not be got although the docker config is well-formed: its credential
 * helper failed, hung or answered nonsense. A docker config that cannot be read at all is bad input and
 * surfaces as the config's own {@link io.dapp.domain.error.InvalidInputException} instead (see {@link RegistryClient}).
 */
public final class RegistryCredentialsException extends RegistryException {

  public RegistryCredentialsException(RegistryHost host, io.dapp.domain.error.OperationFailedException cause) {
    super(RegistryAction.LOGIN, host, null, null, "credentials could not be read: " + cause.getMessage(), cause);
  }
}
