package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.DeletionDisabledException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.net.URI;
import java.util.Optional;
import java.util.SortedSet;

/**
 * {@code DELETE /v2/<name>/manifests/<digest>}. Asks for the {@code delete} action, and once more for
 * {@code *} when the token service granted nothing for it (GitLab's way).
 */
final class ManifestDeleteEndpoint extends RepositoryEndpoint<Boolean> {

  private final Digest digest;

  ManifestDeleteEndpoint(Repository repository, Digest digest) {
    super("DELETE", RegistryAction.DELETE_MANIFEST, repository, "@" + digest);
    this.digest = digest;
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, repository(), "manifests/" + digest);
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.delete(repository());
  }

  @Override
  public Optional<SortedSet<String>> widerScopes() {
    return Optional.of(Scopes.everything(repository()));
  }

  /** Deleting what is already deleted ends the same way: absent. */
  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Boolean handleResponse(HttpResponse response) {
    return Boolean.TRUE;
  }

  @Override
  public Optional<Boolean> handleError(int status, RegistryErrors errors) throws RegistryException {
    if (status == 405) {
      throw new DeletionDisabledException(repository().host(), repository(), digest);
    }
    return Optional.empty();
  }
}
