package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One endpoint of the Registry API: what to send and how to read the answer. {@link RegistryCaller} does
 * the rest (authentication, retries, redirects, error translation), the same for every endpoint.
 */
interface RegistryEndpoint<T> {

  RegistryAction action();

  /** The repository, for messages and scopes; null for registry-wide requests (ping). */
  Repository repository();

  /** Appended to the repository in messages: {@code :tag}, {@code @digest}, or empty. */
  default String subject() {
    return "";
  }

  String method();

  URI url(URI apiBase);

  default Map<String, String> headers() {
    return Map.of();
  }

  default Optional<RequestBody> body() {
    return Optional.empty();
  }

  /** The token scopes the request needs. */
  SortedSet<String> scopes();

  /** Scopes to ask for once more when the registry says the first ones are insufficient. */
  default Optional<SortedSet<String>> widerScopes() {
    return Optional.empty();
  }

  /** Whether sending the request again is harmless: it is idempotent, or it restarts cleanly. */
  boolean retryable();

  /** Reads a 2xx answer. An IOException here (a dropped download) is retried like a failed request. */
  T handleResponse(HttpResponse response) throws IOException, RegistryException;

  /**
   * Turns an error answer into a result ({@code 404} on a HEAD means "absent") or a specific exception;
   * empty leaves it to the caller's general translation.
   */
  default Optional<T> handleError(int status, RegistryErrors errors) throws RegistryException {
    return Optional.empty();
  }
}
