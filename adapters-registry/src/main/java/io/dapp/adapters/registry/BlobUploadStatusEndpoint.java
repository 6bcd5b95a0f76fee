package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryResponseException;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * {@code GET <location>}: how many bytes an upload session holds (204 with {@code Range}), so that a chunked
 * upload that broke off goes on from there instead of from the first byte.
 */
final class BlobUploadStatusEndpoint implements RegistryEndpoint<BlobUploadStatusEndpoint.Status> {

  /** Where the session goes on and how many bytes it holds. */
  record Status(URI location, long held) {}

  private final Repository repository;
  private final Digest digest;
  private final URI location;

  BlobUploadStatusEndpoint(Repository repository, Digest digest, URI location) {
    this.repository = repository;
    this.digest = digest;
    this.location = location;
  }

  @Override
  public RegistryAction action() {
    return RegistryAction.PUSH_BLOB;
  }

  @Override
  public Repository repository() {
    return repository;
  }

  @Override
  public String subject() {
    return "@" + digest;
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public URI url(URI apiBase) {
    return location;
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository);
  }

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Status handleResponse(HttpResponse response) throws RegistryException {
    OptionalLong held = UploadRange.heldByStatus(response.header("Range"));
    if (held.isEmpty()) {
      throw new RegistryResponseException(action(), repository.host(), repository, subject(), response.status(),
          "the registry does not say how much of the upload it holds (no Range)");
    }
    URI next = location;
    Optional<String> header = response.header("Location");
    if (header.isPresent()) {
      try {
        next = location.resolve(header.get().trim());
      } catch (IllegalArgumentException e) {
        throw new RegistryResponseException(action(), repository.host(), repository, subject(), response.status(),
            "the registry sent an unusable upload Location");
      }
    }
    return new Status(next, held.getAsLong());
  }
}
