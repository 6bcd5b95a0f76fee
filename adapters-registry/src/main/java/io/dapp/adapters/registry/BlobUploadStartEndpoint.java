package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.net.URI;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * {@code POST /v2/<name>/blobs/uploads/}: opens an upload session and returns where to send the bytes,
 * and the smallest chunk the registry accepts when it says ({@code OCI-Chunk-Min-Length}).
 */
final class BlobUploadStartEndpoint extends RepositoryEndpoint<BlobUploadStartEndpoint.Session> {

  /** An upload session: where its bytes go, and the registry's minimum chunk size when it names one. */
  record Session(URI location, OptionalLong chunkMinLength) {}

  private URI requestUrl;

  BlobUploadStartEndpoint(Repository repository, Digest digest) {
    super("POST", RegistryAction.PUSH_BLOB, repository, "@" + digest);
  }





  @Override
  public URI url(URI apiBase) {
    requestUrl = ApiPaths.of(apiBase, repository(), "blobs/uploads/");
    return requestUrl;
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository());
  }

  @Override
  public boolean retryable() {
    return true;
  }

  /** The Location may be relative, absolute, or on another host (the caller sends no credentials there). */
  @Override
  public Session handleResponse(HttpResponse response) throws RegistryException {
    String location = response.header("Location")
        .orElseThrow(() -> unusable(response, "the registry opened an upload but sent no Location"));
    return new Session(uploadLocation(requestUrl, location, response), chunkMinLength(response));
  }

  private static OptionalLong chunkMinLength(HttpResponse response) {
    try {
      long value = Long.parseLong(response.header("OCI-Chunk-Min-Length").orElse("").trim());
      return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
    } catch (NumberFormatException absentOrNonsense) {
      return OptionalLong.empty();
    }
  }
}
