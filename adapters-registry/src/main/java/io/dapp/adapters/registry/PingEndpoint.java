package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import java.net.URI;
import java.util.SortedSet;

/**
 * {@code GET /v2/} with credentials: the registry accepts them (200) or not (401). This is how a login
 * is verified; the unauthenticated ping that finds the scheme is {@link RegistryPinger}'s.
 */
final class PingEndpoint implements RegistryEndpoint<Boolean> {

  private final RegistryAction action;

  PingEndpoint(RegistryAction action) {
    this.action = action;
  }

  @Override
  public RegistryAction action() {
    return action;
  }

  @Override
  public Repository repository() {
    return null;
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public URI url(URI apiBase) {
    return apiBase.resolve("/v2/");
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.none();
  }

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Boolean handleResponse(HttpResponse response) {
    return Boolean.TRUE;
  }
}
