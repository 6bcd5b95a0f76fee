package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.registry.DigestMismatchException;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;

/** {@code GET /v2/<name>/manifests/<reference>}: the manifest's exact bytes, verified when asked by digest. */
final class ManifestGetEndpoint extends RepositoryEndpoint<Manifest> {

  /** Always sent: without it Distribution converts OCI and lists to schema 1, or answers 404. */
  static final String ACCEPT = MediaType.MANIFEST_TYPES.stream().map(MediaType::value).collect(Collectors.joining(", "));

  private final ImageReference reference;

  ManifestGetEndpoint(ImageReference reference) {
    super("GET", RegistryAction.PULL_MANIFEST, reference.repository(), ManifestReferences.subject(reference));
    this.reference = reference;
  }





  @Override
  public URI url(URI apiBase) {
    return ApiPaths.of(apiBase, reference.repository(), "manifests/" + ManifestReferences.of(reference));
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", ACCEPT);
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
  public Manifest handleResponse(HttpResponse response) throws IOException, RegistryException {
    byte[] content = response.read(Manifest.MAX_SIZE);
    if (content.length == 0) {
      throw unusable(response, "the registry sent an empty manifest");
    }
    if (reference.digest().isPresent()) {
      Digest expected = reference.digest().get();
      MessageDigest hasher = Digests.newHasher(expected.algorithm());
      hasher.update(content);
      Digest actual = Digests.of(hasher);
      if (!actual.equals(expected)) {
        throw new DigestMismatchException(action(), repository().host(), repository(), expected, actual);
      }
    }
    return new Manifest(mediaType(response, content), content);
  }

  /** The Content-Type, or the manifest's own {@code mediaType} field when the registry sends a generic one. */
  private MediaType mediaType(HttpResponse response, byte[] content) throws RegistryException {
    MediaType declared = response.header("Content-Type").map(MediaTypes::parseOrNull).orElse(null);
    if (declared != null && (declared.isIndex() || declared.isImageManifest())) {
      return declared;
    }
    try {
      JsonNode json = Json.tree(content);
      String field = Json.text(json, "mediaType");
      MediaType own = field == null ? null : MediaTypes.parseOrNull(field);
      if (own != null) {
        return own;
      }
      if (json.has("manifests")) {
        return MediaType.OCI_INDEX;
      }
      if (json.has("layers")) {
        return MediaType.OCI_MANIFEST;
      }
    } catch (IOException e) {
      // fall through: not JSON
    }
    throw unusable(response, "the registry sent something that is not a manifest (Content-Type " + response.header("Content-Type").orElse("none") + ")");
  }
}
