package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryResponseException;
import java.net.URI;

/**
 * What every endpoint on one repository has in common: the request's method, the action and subject its
 * errors name, and how an unusable answer becomes a one-line error. Subclasses say only what differs.
 */
abstract class RepositoryEndpoint<T> implements RegistryEndpoint<T> {

  private final String method;
  private final RegistryAction action;
  private final Repository repository;
  private final String subject;

  RepositoryEndpoint(String method, RegistryAction action, Repository repository, String subject) {
    this.method = method;
    this.action = action;
    this.repository = repository;
    this.subject = subject;
  }

  @Override
  public final String method() {
    return method;
  }

  @Override
  public final RegistryAction action() {
    return action;
  }

  @Override
  public final Repository repository() {
    return repository;
  }

  @Override
  public final String subject() {
    return subject;
  }

  /** An answer dapp cannot use, as an error naming this request. */
  final RegistryResponseException unusable(HttpResponse response, String problem) {
    return new RegistryResponseException(action, repository.host(), repository, subject, response.status(), problem);
  }

  /** An upload {@code Location} the registry sent: relative, absolute, or on another host. */
  final URI uploadLocation(URI base, String location, HttpResponse response) throws RegistryResponseException {
    try {
      return base.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw unusable(response, "the registry sent an unusable upload Location");
    }
  }
}
