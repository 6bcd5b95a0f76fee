package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import java.net.URI;
import java.util.SortedSet;

/**
 * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}: asks the registry to link a blob
 * it already holds in another repository. 201 means mounted; 202 means it started an ordinary upload instead.
 */
final class BlobMountEndpoint extends RepositoryEndpoint<Boolean> {

  private final Digest digest;
  private final Repository source;

  BlobMountEndpoint(Repository target, Digest digest, Repository source) {
    super("POST", RegistryAction.PUSH_BLOB, target, "@" + digest);
    this.digest = digest;
    this.source = source;
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, repository(),
        "blobs/uploads/?mount=" + ApiPaths.query(digest.toString()) + "&from=" + ApiPaths.query(source.path()));
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.mount(repository(), source);
  }

  /** A repeated mount request at worst leaves an unused upload session, which registries expire. */
  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Boolean handleResponse(HttpResponse response) {
    return response.status() == 201;
  }
}
