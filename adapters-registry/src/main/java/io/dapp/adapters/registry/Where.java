package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;

/** What an operation was doing and where, for the exceptions it may throw. */
record Where(RegistryAction action, RegistryHost host, Repository repository, String subject) {

  static Where of(RegistryHost host, RegistryEndpoint<?> endpoint) {
    return new Where(endpoint.action(), host, endpoint.repository(), endpoint.subject());
  }
}
