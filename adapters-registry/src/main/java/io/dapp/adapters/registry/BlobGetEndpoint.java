package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.DigestMismatchException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.SortedSet;

/**
 * {@code GET /v2/<name>/blobs/<digest>} into a file. The body streams into a temporary file next to the
 * target, hashed as it goes through a fixed buffer; only verified content is moved (atomically) into place,
 * so the target either does not exist or holds exactly the blob. Redirects to object storage are followed
 * by the caller, without Authorization.
 */
final class BlobGetEndpoint extends RepositoryEndpoint<Long> {

  private final Digest digest;
  private final Path target;

  BlobGetEndpoint(Repository repository, Digest digest, Path target) {
    super("GET", RegistryAction.PULL_BLOB, repository, "@" + digest);
    this.digest = digest;
    this.target = target.toAbsolutePath();
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, repository(), "blobs/" + digest);
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.pull(repository());
  }

  /** A download that broke off starts again from the first byte into a fresh temporary file. */
  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Long handleResponse(HttpResponse response) throws IOException, RegistryException {
    Path directory = target.getParent();
    Files.createDirectories(directory);
    Path partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
    try {
      MessageDigest hasher = Digests.newHasher(digest.algorithm());
      long size = 0;
      try (InputStream in = response.stream(); OutputStream out = Files.newOutputStream(partial)) {
        byte[] buffer = new byte[JerseyTransport.BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          hasher.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
      }
      Digest actual = Digests.of(hasher);
      if (!actual.equals(digest)) {
        throw new DigestMismatchException(action(), repository().host(), repository(), digest, actual);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return size;
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
