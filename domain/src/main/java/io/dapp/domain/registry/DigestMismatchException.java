package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** The registry sent content whose digest is not the one asked for: it is discarded. */
public final class DigestMismatchException extends RegistryException {

  private final Digest expected;
  private final Digest actual;

  public DigestMismatchException(RegistryAction action, RegistryHost host, Repository repository, Digest expected,
      Digest actual) {
    super(action, host, repository, "@" + expected, "the registry sent content with digest " + actual
        + "; it was discarded", null);
    this.expected = expected;
    this.actual = actual;
  }

  public Digest expected() {
    return expected;
  }

  public Digest actual() {
    return actual;
  }
}
