package io.dapp.domain.cleanup;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import java.util.Objects;

/** One manifest delete: a digest in a repository, which removes every tag there that points to it. */
public record DeleteTarget(Repository repository, Digest digest) {

  public DeleteTarget {
    Objects.requireNonNull(repository, "'repository' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
  }

  static DeleteTarget of(RegistryImage image) {
    return new DeleteTarget(image.repository(), image.digest());
  }
}
