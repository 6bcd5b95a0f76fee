package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.PlatformNotFoundException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryResponseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks an index's entry for a platform. An exact match (variant included) wins over a match that
 * ignores the variant; entries without a platform (attestations) never match.
 */
final class IndexResolver {

  private IndexResolver() {}

  /** The digest of the image for {@code platform} in {@code index}, which {@code reference} named. */
  static Digest select(ImageReference reference, Manifest index, Platform platform) throws RegistryException {
    List<Entry> entries = entries(reference, index);
    Optional<Entry> exact = entries.stream().filter(e -> e.platform().equals(platform)).findFirst();
    Optional<Entry> chosen = exact.or(() -> entries.stream().filter(e -> platform.accepts(e.platform())).findFirst());
    if (chosen.isEmpty()) {
      throw new PlatformNotFoundException(reference.host(), reference.repository(),
          ManifestReferences.subject(reference), platform, entries.stream().map(Entry::platform).toList());
    }
    return chosen.get().digest();
  }

  private record Entry(Digest digest, Platform platform) {}

  private static List<Entry> entries(ImageReference reference, Manifest index) throws RegistryException {
    List<Entry> entries = new ArrayList<>();
    try {
      JsonNode manifests = Json.tree(index.content()).get("manifests");
      if (manifests == null || !manifests.isArray()) {
        throw new IOException("no manifests array");
      }
      for (JsonNode manifest : manifests) {
        JsonNode platform = manifest.get("platform");
        String digest = Json.text(manifest, "digest");
        if (platform == null || digest == null) {
          continue;
        }
        String os = Json.text(platform, "os");
        String architecture = Json.text(platform, "architecture");
        String variant = Json.text(platform, "variant");
        try {
          entries.add(new Entry(Digest.parse(digest),
              new Platform(os, architecture, Optional.ofNullable(variant).filter(v -> !v.isEmpty()))));
        } catch (InvalidReferenceException | IllegalArgumentException | NullPointerException unusable) {
          // An entry dapp cannot read is one it cannot choose; the others still count.
        }
      }
      return entries;
    } catch (IOException e) {
      throw new RegistryResponseException(RegistryAction.PULL_MANIFEST, reference.host(), reference.repository(),
          ManifestReferences.subject(reference), 0, "the index is malformed (" + e.getMessage() + ")");
    }
  }
}
