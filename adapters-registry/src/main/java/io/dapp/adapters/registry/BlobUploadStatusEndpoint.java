package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * {@code GET <location>}: how many bytes an upload session holds (204 with {@code Range}), so that a chunked
 * upload that broke off goes on from there instead of from the first byte.
 */
final class BlobUploadStatusEndpoint extends RepositoryEndpoint<BlobUploadStatusEndpoint.Status> {

  /** Where the session goes on and how many bytes it holds. */
  record Status(URI location, long held) {}

  private final URI location;

  BlobUploadStatusEndpoint(Repository repository, Digest digest, URI location) {
    super("GET", RegistryAction.PUSH_BLOB, repository, "@" + digest);
    this.location = location;
  }





  @Override
  public URI url(URI apiBase) {
    return location;
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository());
  }

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Status handleResponse(HttpResponse response) throws RegistryException {
    OptionalLong held = UploadRange.heldByStatus(response.header("Range"));
    if (held.isEmpty()) {
      throw unusable(response, "the registry does not say how much of the upload it holds (no Range)");
    }
    Optional<String> header = response.header("Location");
    URI next = header.isPresent() ? uploadLocation(location, header.get(), response) : location;
    return new Status(next, held.getAsLong());
  }
}
