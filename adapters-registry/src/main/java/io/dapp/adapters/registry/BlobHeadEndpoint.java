package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import java.net.URI;
import java.util.Optional;
import java.util.SortedSet;

/** {@code HEAD /v2/<name>/blobs/<digest>}: whether the repository has the blob, so that it is not sent again. */
final class BlobHeadEndpoint extends RepositoryEndpoint<Boolean> {

  private final Digest digest;

  BlobHeadEndpoint(Repository repository, Digest digest) {
    super("HEAD", RegistryAction.CHECK_BLOB, repository, "@" + digest);
    this.digest = digest;
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, repository(), "blobs/" + digest);
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.pull(repository());
  }

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Boolean handleResponse(HttpResponse response) {
    return Boolean.TRUE;
  }

  @Override
  public Optional<Boolean> handleError(int status, RegistryErrors errors) {
    return status == 404 ? Optional.of(Boolean.FALSE) : Optional.empty();
  }
}
