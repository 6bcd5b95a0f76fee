package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.DigestMismatchException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.transfer.DigestingOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v2/<name>/blobs/<digest>}, streamed into the caller's output through a fixed buffer and hashed
 * on the way; the digest is checked at the end. Each byte is hashed once: into a target that hashes what it
 * is given (a {@link DigestingOutputStream} that has received nothing yet, as the local store's writer is),
 * the target's digest is the one checked here, and the store checks it again before keeping the blob. Each byte reaches the output once: a download that broke
 * off is asked again from the first byte not yet written ({@code Range}); a registry that answers with the
 * whole blob instead has what was written already skipped. Redirects to object storage are followed by the
 * caller, without Authorization.
 */
final class BlobGetEndpoint extends RepositoryEndpoint<Long> {

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

  /** A failure to write to the caller's output: not the registry's, so never retried. */
  static final class TargetFailure extends UncheckedIOException {
    TargetFailure(IOException cause) {
      super(cause);
    }
  }

  private final Digest digest;
  private final OutputStream target;
  private final LongConsumer progress;
  /** Our own hasher, or none when the target hashes every byte it receives. */
  private final MessageDigest hasher;
  private final DigestingOutputStream hashingTarget;
  private long written;

  BlobGetEndpoint(Repository repository, Digest digest, OutputStream target, LongConsumer progress) {
    super("GET", RegistryAction.PULL_BLOB, repository, "@" + digest);
    this.digest = digest;
    this.target = target;
    this.progress = progress;
    this.hashingTarget = target instanceof DigestingOutputStream hashing && hashing.size() == 0
        && hashing.algorithm().equals(digest.algorithm()) ? hashing : null;
    this.hasher = hashingTarget != null ? null : Digests.newHasher(digest.algorithm());
  }

  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, repository(), "blobs/" + digest);
  }

  /** After a broken download, only the rest. */
  @Override
  public Map<String, String> headers() {
    return written > 0 ? Map.of("Range", "bytes=" + written + "-") : Map.of();
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.pull(repository());
  }

  /** A download that broke off goes on from where it stopped. */
  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Long handleResponse(HttpResponse response) throws IOException, RegistryException {
    long skip = written;
    if (response.status() == 206) {
      skip = written - rangeStart(response);
    }
    try (InputStream in = response.stream()) {
      try {
        in.skipNBytes(skip);
      } catch (EOFException e) {
        throw new IOException("the blob ended before byte " + written, e);
      }
      byte[] buffer = new byte[response.copyBufferSize()];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n == 0) {
          continue;
        }
        write(buffer, n);
        if (hasher != null) {
          hasher.update(buffer, 0, n);
        }
        written += n;
        progress.accept(written);
      }
    }
    return verified();
  }

  /** Everything was written before the download broke off: the registry has no byte left to send. */
  @Override
  public Optional<Long> handleError(int status, RegistryErrors errors) throws RegistryException {
    return status == 416 && written > 0 ? Optional.of(verified()) : Optional.empty();
  }

  private long verified() throws DigestMismatchException {
    Digest actual = hashingTarget != null ? hashingTarget.digest() : Digests.of(hasher);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(action(), repository().host(), repository(), digest, actual);
    }
    return written;
  }

  private void write(byte[] buffer, int length) {
    try {
      target.write(buffer, 0, length);
    } catch (IOException e) {
      throw new TargetFailure(e);
    }
  }

  /** Where a partial answer starts; it must not start after what was written (bytes would be missing). */
  private long rangeStart(HttpResponse response) throws RegistryException {
    Matcher range = CONTENT_RANGE.matcher(response.header("Content-Range").orElse("").trim());
    long start;
    try {
      start = range.matches() ? Long.parseLong(range.group(1)) : -1;
    } catch (NumberFormatException tooLarge) {
      start = -1;
    }
    if (start < 0 || start > written) {
      throw unusable(response, "the registry sent a part of the blob that does not follow the " + written
          + " bytes received (" + response.header("Content-Range").orElse("no Content-Range") + ")");
    }
    return start;
  }
}
