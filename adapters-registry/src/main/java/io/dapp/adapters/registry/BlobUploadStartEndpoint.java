package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryResponseException;
import java.net.URI;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * {@code POST /v2/<name>/blobs/uploads/}: opens an upload session and returns where to send the bytes,
 * and the smallest chunk the registry accepts when it says ({@code OCI-Chunk-Min-Length}).
 */
final class BlobUploadStartEndpoint implements RegistryEndpoint<BlobUploadStartEndpoint.Session> {

  /** An upload session: where its bytes go, and the registry's minimum chunk size when it names one. */
  record Session(URI location, OptionalLong chunkMinLength) {}

  private final Repository repository;
  private final Digest digest;
  private URI requestUrl;

  BlobUploadStartEndpoint(Repository repository, Digest digest) {
    this.repository = repository;
    this.digest = digest;
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
    return "POST";
  }

  @Override
  public URI url(URI apiBase) {
    requestUrl = ApiPaths.of(apiBase, repository, "blobs/uploads/");
    return requestUrl;
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository);
  }

  @Override
  public boolean retryable() {
    return true;
  }

  /** The Location may be relative, absolute, or on another host (the caller sends no credentials there). */
  @Override
  public Session handleResponse(HttpResponse response) throws RegistryException {
    String location = response.header("Location").orElseThrow(() -> new RegistryResponseException(action(),
        repository.host(), repository, subject(), response.status(), "the registry opened an upload but sent no Location"));
    try {
      return new Session(requestUrl.resolve(location.trim()), chunkMinLength(response));
    } catch (IllegalArgumentException e) {
      throw new RegistryResponseException(action(), repository.host(), repository, subject(), response.status(),
          "the registry sent an unusable upload Location");
    }
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
