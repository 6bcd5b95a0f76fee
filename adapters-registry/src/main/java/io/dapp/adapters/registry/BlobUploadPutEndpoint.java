package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import java.net.URI;
import java.util.Optional;
import java.util.SortedSet;

/**
 * {@code PUT <location>?digest=<digest>}: completes an upload session, and the registry verifies the digest.
 * Either with an empty body after the bytes went by PATCH, or (a monolithic upload) with the whole blob
 * streamed as the body.
 */
final class BlobUploadPutEndpoint extends RepositoryEndpoint<Boolean> {

  private final URI location;
  private final Digest digest;
  private final Optional<RequestBody> body;

  private BlobUploadPutEndpoint(Repository repository, URI location, Digest digest, Optional<RequestBody> body) {
    super("PUT", RegistryAction.PUSH_BLOB, repository, "@" + digest);
    this.location = location;
    this.digest = digest;
    this.body = body;
  }

  /** Completes a session whose bytes were sent by PATCH (the body is empty, with {@code Content-Length: 0}). */
  static BlobUploadPutEndpoint finishing(Repository repository, URI location, Digest digest) {
    return new BlobUploadPutEndpoint(repository, location, digest,
        Optional.of(RequestBody.of(BlobUploadPatchEndpoint.OCTET_STREAM, new byte[0])));
  }

  /** Sends the whole blob with the PUT that completes the session. */
  static BlobUploadPutEndpoint monolithic(Repository repository, URI location, Digest digest, BlobChunks content) {
    return new BlobUploadPutEndpoint(repository, location, digest, Optional.of(
        new RequestBody(BlobUploadPatchEndpoint.OCTET_STREAM, content.size(), content.slice(0, content.size()))));
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.withParameter(location, "digest", digest.toString());
  }

  @Override
  public Optional<RequestBody> body() {
    return body;
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository());
  }

  /**
   * A PUT that broke off may have completed the session or left part of a blob in it: it is not sent again
   * to the same session; {@link BlobPusher} checks whether the blob arrived and otherwise restarts. A 401 is
   * different (nothing was stored), and the caller resends after re-authenticating.
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
