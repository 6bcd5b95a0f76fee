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
 * streamed as the body. The result says whether the blob was stored: a monolithic PUT that the registry
 * refuses as too large a request (see {@link #refusesWhole}) is {@code false}, so that {@link BlobPusher}
 * sends the blob another way; any other error is an error.
 */
final class BlobUploadPutEndpoint extends RepositoryEndpoint<Boolean> {

  private final URI location;
  private final Digest digest;
  private final Optional<RequestBody> body;
  private final boolean whole;

  private BlobUploadPutEndpoint(Repository repository, URI location, Digest digest, Optional<RequestBody> body,
      boolean whole) {
    super("PUT", RegistryAction.PUSH_BLOB, repository, "@" + digest);
    this.location = location;
    this.digest = digest;
    this.body = body;
    this.whole = whole;
  }

  /**
   * Whether an error answer to a PUT with the whole blob means "not in one request" rather than "not this
   * blob": too large (413, from the registry or a proxy in front of it), ranges wanted (416), PUT with a body
   * unsupported (405, 501), or a 400 for anything but a wrong digest (which sending it otherwise cannot cure).
   */
  static boolean refusesWhole(int status, RegistryErrors errors) {
    return switch (status) {
      case 405, 413, 416, 501 -> true;
      case 400 -> !errors.has("DIGEST_INVALID");
      default -> false;
    };
  }

  /** Completes a session whose bytes were sent by PATCH (the body is empty, with {@code Content-Length: 0}). */
  static BlobUploadPutEndpoint finishing(Repository repository, URI location, Digest digest) {
    return new BlobUploadPutEndpoint(repository, location, digest,
        Optional.of(RequestBody.of(BlobUploadPatchEndpoint.OCTET_STREAM, new byte[0])), false);
  }

  /** Sends the whole blob with the PUT that completes the session. */
  static BlobUploadPutEndpoint monolithic(Repository repository, URI location, Digest digest, BlobChunks content) {
    return new BlobUploadPutEndpoint(repository, location, digest, Optional.of(
        new RequestBody(BlobUploadPatchEndpoint.OCTET_STREAM, content.size(), content.slice(0, content.size()))),
        true);
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

  @Override
  public Optional<Boolean> handleError(int status, RegistryErrors errors) {
    return whole && refusesWhole(status, errors) ? Optional.of(Boolean.FALSE) : Optional.empty();
  }
}
