package io.dapp.domain.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/**
 * The registry wants credentials that dapp does not have, or rejected the ones it has (401 from the
 * registry or its token service).
 */
public final class RegistryUnauthorizedException extends RegistryException {

  private final String registryMessage;

  /**
   * @param registryMessage what the registry said, in one line (its {@code errors[].code: message})
   */
  public RegistryUnauthorizedException(RegistryAction action, RegistryHost host, Repository repository, String subject,
      String problem, String registryMessage) {
    super(action, host, repository, subject, problem, null);
    this.registryMessage = oneLine(registryMessage);
  }

  public String registryMessage() {
    return registryMessage;
  }
}
