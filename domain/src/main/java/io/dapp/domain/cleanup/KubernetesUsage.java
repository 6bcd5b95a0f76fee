package io.dapp.domain.cleanup;

import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.InvalidReferenceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The images a cluster uses, parsed. An image is in use when a reference names its repository and either
 * its digest, or (without a digest) its tag ({@code latest} when none).
 */
public final class KubernetesUsage {

  public static final KubernetesUsage NOT_ASKED = new KubernetesUsage(List.of());

  private static final List<String> RUNTIME_PREFIXES = List.of("docker-pullable://", "docker://");

  private final List<ImageReference> references;

  private KubernetesUsage(List<ImageReference> references) {
    this.references = List.copyOf(references);
  }

  /** Parses what the cluster names; bare ids ({@code sha256:...}) and unparsable names are skipped. */
  public static KubernetesUsage of(Collection<String> images) {
    List<ImageReference> parsed = new ArrayList<>();
    for (String image : images) {
      String name = image.trim();
      for (String prefix : RUNTIME_PREFIXES) {
        if (name.startsWith(prefix)) {
          name = name.substring(prefix.length());
        }
      }
      if (name.isEmpty() || name.startsWith("sha256:")) {
        continue;
      }
      try {
        parsed.add(ImageReference.parse(name));
      } catch (InvalidReferenceException e) {
        // Not an image reference dapp could have pushed.
      }
    }
    return new KubernetesUsage(parsed);
  }

  /** The reference that uses {@code image}, if any. */
  Optional<ImageReference> user(RegistryImage image) {
    return references.stream()
        .filter(reference -> reference.repository().equals(image.repository()))
        .filter(reference -> reference.digest().isPresent()
            ? reference.digest().get().equals(image.digest())
            : reference.tag().orElse("latest").equals(image.tag()))
        .findFirst();
  }

  public int size() {
    return references.size();
  }
}
