package io.dapp.domain.registry;

import io.dapp.domain.model.RegistryHost;

/** Login verification failed: the registry (or its token service) rejected the user name and password. */
public final class LoginRejectedException extends RegistryException {

  private final String username;

  public LoginRejectedException(RegistryHost host, String username, String registryMessage) {
    super(RegistryAction.LOGIN, host, "login to " + host + " as " + username + " failed: " + registryMessage, null);
    this.username = username;
  }

  public String username() {
    return username;
  }
}
