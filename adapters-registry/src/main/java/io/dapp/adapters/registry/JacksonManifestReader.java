package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

  @Override
  public ImageManifest imageManifest(Manifest manifest) throws OperationFailedException {
    Objects.requireNonNull(manifest, "'manifest' must not be null");
    if (!manifest.mediaType().isImageManifest()) {
      throw new OperationFailedException("manifest " + manifest.digest() + " is a " + manifest.mediaType()
          + ", not an image manifest");
    }
    try {
      JsonNode root = Json.tree(manifest.content());
      Descriptor config = descriptor(manifest, root.get("config"), "config");
      List<Descriptor> layers = new ArrayList<>();
      JsonNode array = root.get("layers");
      if (array != null) {
        for (JsonNode layer : array) {
          layers.add(descriptor(manifest, layer, "layer"));
        }
      }
      return new ImageManifest(config, layers);
    } catch (IOException e) {
      throw new OperationFailedException("image manifest " + manifest.digest() + " is not JSON");
    }
  }

  private static Descriptor descriptor(Manifest manifest, JsonNode node, String what) throws OperationFailedException {
    String mediaType = node == null ? null : Json.text(node, "mediaType");
    String digest = node == null ? null : Json.text(node, "digest");
    JsonNode size = node == null ? null : node.get("size");
    if (mediaType == null || digest == null || size == null || !size.canConvertToLong() || size.asLong() < 0) {
      throw new OperationFailedException("image manifest " + manifest.digest() + " has an invalid " + what
          + " descriptor");
    }
    try {
      return new Descriptor(mediaType, Digest.parse(digest), size.asLong());
    } catch (InvalidReferenceException e) {
      throw new OperationFailedException("image manifest " + manifest.digest() + ": " + what + " " + e.getMessage());
    }
  }
}
