package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryAction;
import java.net.URI;
import java.util.Optional;
import java.util.SortedSet;

/**
 * {@code PUT <location>?digest=<digest>} with the whole blob as the body, streamed in chunks: the upload
 * session opened by the POST is completed by one request. The registry verifies the digest.
 */
final class BlobUploadPutEndpoint implements RegistryEndpoint<Boolean> {

  private final Repository repository;
  private final URI location;
  private final BlobSource blob;

  BlobUploadPutEndpoint(Repository repository, URI location, BlobSource blob) {
    this.repository = repository;
    this.location = location;
    this.blob = blob;
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
    return "@" + blob.digest();
  }

  @Override
  public String method() {
    return "PUT";
  }

  @Override
  public URI url(URI apiBase) {
    return ApiPaths.withParameter(location, "digest", blob.digest().toString());
  }

  @Override
  public Optional<RequestBody> body() {
    return Optional.of(new RequestBody("application/octet-stream", blob.size(), blob.opener()));
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository);
  }

  /**
   * A PUT that broke off may have left part of the blob in the session: it is not sent again to the same
   * session; {@link BlobPusher} restarts the whole upload instead. A 401 is different (nothing was stored),
   * and the caller resends after re-authenticating.
   */
  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public Boolean handleResponse(HttpResponse response) {
    return Boolean.TRUE;
  }
}
