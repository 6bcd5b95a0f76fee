package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestBlobUnknownException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.net.URI;
import java.util.Optional;
import java.util.SortedSet;

/** {@code PUT /v2/<name>/manifests/<reference>} with the manifest's bytes and its own media type. */
final class ManifestPutEndpoint extends RepositoryEndpoint<Digest> {

  private final ImageReference target;
  private final Manifest manifest;

  ManifestPutEndpoint(ImageReference target, Manifest manifest) {
    super("PUT", RegistryAction.PUSH_MANIFEST, target.repository(), ManifestReferences.subject(target));
    this.target = target;
    this.manifest = manifest;
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, target.repository(), "manifests/" + ManifestReferences.of(target));
  }

  @Override
  public Optional<RequestBody> body() {
    return Optional.of(RequestBody.of(manifest.mediaType().value(), manifest.content()));
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.push(target.repository());
  }

  /** Storing the same bytes under the same name twice has the same effect as once. */
  @Override
  public boolean retryable() {
    return true;
  }

  /** The digest is ours: computed over the bytes sent, which is what the registry names them by. */
  @Override
  public Digest handleResponse(HttpResponse response) {
    return manifest.digest();
  }

  /** A blob the manifest names is not (yet) in the repository: the pusher may send its blobs again. */
  @Override
  public Optional<Digest> handleError(int status, RegistryErrors errors) throws RegistryException {
    if (errors.has("MANIFEST_BLOB_UNKNOWN")) {
      throw new ManifestBlobUnknownException(repository().host(), repository(), subject(),
          errors.summary("HTTP " + status));
    }
    return Optional.empty();
  }
}
