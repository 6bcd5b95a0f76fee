package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code PATCH <location>}: sends bytes into an upload session, streamed from the source. Either the whole
 * blob without {@code Content-Range} (a streamed upload), or one chunk with {@code Content-Range:
 * start-end}. The registry answers 202 with the session's next {@code Location} and the {@code Range} it
 * holds.
 *
 * <p>A registry that will not take the whole blob in one request says so with 413 (too large, for it or a
 * proxy in front of it) or 416 (it wants ranges): for a whole-blob PATCH these are an {@link Outcome.Refused}
 * answer, so that {@link BlobPusher} can go on in chunks. Any other error is an error.
 */
final class BlobUploadPatchEndpoint extends RepositoryEndpoint<BlobUploadPatchEndpoint.Outcome> {

  /** The statuses that mean "send it in chunks" when the whole blob was sent at once. */
  static final Set<Integer> CHUNKS_WANTED = Set.of(413, 416);

  /** What became of the PATCH. */
  sealed interface Outcome permits Outcome.Accepted, Outcome.Refused {

    /** The registry took the bytes: where the session goes on, and how many bytes it says it holds. */
    record Accepted(URI location, OptionalLong held) implements Outcome {}

    /** The registry will not take the whole blob in one request. */
    record Refused(int status, String said) implements Outcome {}
  }

  private final URI location;
  private final RequestBody body;
  private final Optional<String> contentRange;

  private BlobUploadPatchEndpoint(Repository repository, Digest digest, URI location, RequestBody body,
      Optional<String> contentRange) {
    super("PATCH", RegistryAction.PUSH_BLOB, repository, "@" + digest);
    this.location = location;
    this.body = body;
    this.contentRange = contentRange;
  }

  /** The whole blob in one streaming request. */
  static BlobUploadPatchEndpoint whole(Repository repository, Digest digest, URI location, BlobChunks content) {
    return new BlobUploadPatchEndpoint(repository, digest, location,
        new RequestBody(OCTET_STREAM, content.size(), content.slice(0, content.size())), Optional.empty());
  }

  /** The bytes {@code [offset, offset + length)}, with their {@code Content-Range}. */
  static BlobUploadPatchEndpoint chunk(Repository repository, Digest digest, URI location, BlobChunks content,
      long offset, long length) {
    return new BlobUploadPatchEndpoint(repository, digest, location,
        new RequestBody(OCTET_STREAM, length, content.slice(offset, length)),
        Optional.of(UploadRange.contentRange(offset, length)));
  }

  static final String OCTET_STREAM = "application/octet-stream";





  @Override
  public URI url(URI apiBase) {
    return location;
  }

  @Override
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    contentRange.ifPresent(range -> headers.put("Content-Range", range));
    return headers;
  }

  @Override
  public Optional<RequestBody> body() {
    return Optional.of(body);
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(repository());
  }

  /**
   * Bytes that broke off may be in the session already: a chunk is resumed from what the registry says
   * it holds, a whole blob restarted, both by {@link BlobPusher}. (After a 401 nothing was stored, and the
   * caller resends with a new token.)
   */
  @Override
  public boolean retryable() {
    return false;
  }

  /** The next Location may be relative; a registry that sends none goes on at the same one. */
  @Override
  public Outcome handleResponse(HttpResponse response) throws RegistryException {
    Optional<String> header = response.header("Location");
    URI next = header.isPresent() ? uploadLocation(location, header.get(), response) : location;
    return new Outcome.Accepted(next, UploadRange.heldAfterWrite(response.header("Range")));
  }

  @Override
  public Optional<Outcome> handleError(int status, RegistryErrors errors) {
    if (contentRange.isEmpty() && CHUNKS_WANTED.contains(status)) {
      return Optional.of(new Outcome.Refused(status, errors.summary("HTTP " + status)));
    }
    return Optional.empty();
  }
}
