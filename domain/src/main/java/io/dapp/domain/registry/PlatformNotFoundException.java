package io.dapp.domain.registry;

import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;

/** An index has no image for the platform asked for. */
public final class PlatformNotFoundException extends RegistryException {

  public PlatformNotFoundException(RegistryHost host, Repository repository, String subject, Platform platform,
      java.util.List<Platform> available) {
    super(RegistryAction.PULL_MANIFEST, host, repository, subject, "no image for platform " + platform
        + " (the index has " + (available.isEmpty() ? "no platforms" : available.stream().map(Platform::toString)
        .distinct().collect(java.util.stream.Collectors.joining(", "))) + ")", null);
  }
}
