package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestReader;
import java.io.IOException;
import java.util.Objects;

/** Reads image manifests (OCI, Docker v2 schema 2) with the adapter's JSON reader. */
public final class JacksonManifestReader implements ManifestReader {

  @Override
  public Digest configDigest(Manifest manifest) throws OperationFailedException {
    Objects.requireNonNull(manifest, "'manifest' must not be null");
    if (!manifest.mediaType().isImageManifest()) {
      throw new OperationFailedException("manifest " + manifest.digest() + " is a " + manifest.mediaType()
          + ", not an image manifest");
    }
    try {
      JsonNode config = Json.tree(manifest.content()).get("config");
      String digest = config == null ? null : Json.text(config, "digest");
      if (digest == null) {
        throw new OperationFailedException("image manifest " + manifest.digest() + " names no config digest");
      }
      return Digest.parse(digest);
    } catch (IOException e) {
      throw new OperationFailedException("image manifest " + manifest.digest() + " is not JSON");
    } catch (InvalidReferenceException e) {
      throw new OperationFailedException("image manifest " + manifest.digest() + ": config " + e.getMessage());
    }
  }
}
