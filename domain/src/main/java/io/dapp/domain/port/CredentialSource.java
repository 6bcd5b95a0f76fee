package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import java.util.Optional;

/**
 * Where a program that embeds dapp keeps registry credentials, in place of the user's docker config: a
 * vault, a CI server's secrets. Asked when a command's login procedure uses the default docker config, once
 * per registry the command talks to.
 */
@FunctionalInterface
public interface CredentialSource {

  /**
   * The credentials for {@code registry}; empty to talk to it anonymously.
   *
   * @throws DappException when the source cannot say; the message is shown as it is and must hold no secret
   */
  Optional<Credentials> credentialsFor(RegistryHost registry) throws DappException;
}
