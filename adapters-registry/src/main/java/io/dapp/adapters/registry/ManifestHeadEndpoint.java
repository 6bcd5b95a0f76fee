package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.registry.RegistryAction;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * {@code HEAD /v2/<name>/manifests/<reference>}: whether a manifest exists, and its descriptor when the
 * registry sends {@code Docker-Content-Digest} (empty result means absent; a registry that omits the
 * header makes the client fall back to a GET).
 */
final class ManifestHeadEndpoint extends RepositoryEndpoint<ManifestHeadEndpoint.Result> {

  /** Absent, present with a descriptor, or present but the registry did not say its digest. */
  record Result(boolean exists, Optional<ManifestDescriptor> descriptor) {}

  private final ImageReference reference;

  ManifestHeadEndpoint(ImageReference reference) {
    super("HEAD", RegistryAction.CHECK_MANIFEST, reference.repository(), ManifestReferences.subject(reference));
    this.reference = reference;
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, reference.repository(), "manifests/" + ManifestReferences.of(reference));
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", ManifestGetEndpoint.ACCEPT);
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.pull(reference.repository());
  }

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Result handleResponse(HttpResponse response) {
    Optional<Digest> digest = response.header("Docker-Content-Digest").flatMap(ManifestHeadEndpoint::digest);
    Optional<MediaType> type = response.header("Content-Type").map(MediaTypes::parseOrNull);
    long size = response.header("Content-Length").map(ManifestHeadEndpoint::length).orElse(-1L);
    if (digest.isEmpty() || type.isEmpty() || size < 0) {
      return new Result(true, Optional.empty());
    }
    return new Result(true, Optional.of(new ManifestDescriptor(type.get(), digest.get(), size)));
  }

  @Override
  public Optional<Result> handleError(int status, RegistryErrors errors) {
    return status == 404 ? Optional.of(new Result(false, Optional.empty())) : Optional.empty();
  }

  private static Optional<Digest> digest(String header) {
    try {
      return Optional.of(Digest.parse(header.trim()));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  private static long length(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
