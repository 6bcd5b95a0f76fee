package io.dapp.adapters.registry;

import io.dapp.domain.model.ImageReference;

/** How a manifest is named in a URL: by digest when the reference has one, else by tag, else {@code latest}. */
final class ManifestReferences {

  private ManifestReferences() {}

  static String of(ImageReference reference) {
    return reference.digest().map(Object::toString).orElse(reference.tag().orElse("latest"));
  }

  /** {@code :tag} or {@code @digest}, as it follows the repository in a message. */
  static String subject(ImageReference reference) {
    return reference.digest().map(d -> "@" + d).orElse(":" + reference.tag().orElse("latest"));
  }
}
