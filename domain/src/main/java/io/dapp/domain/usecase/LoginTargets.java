package io.dapp.domain.usecase;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.Dappfiles;
import java.util.List;
import java.util.Objects;

/**
 * The registries a command phase logs into: for BUILD the hosts of the dappfile's base images, for every
 * other category the host of the REPO argument.
 */
public final class LoginTargets {

  private final Dappfiles dappfiles;

  public LoginTargets(Dappfiles dappfiles) {
    this.dappfiles = Objects.requireNonNull(dappfiles, "'dappfiles' must not be null");
  }

  public List<RegistryHost> of(CommandInvocation invocation, CommandCategory phase) throws InvalidInputException {
    if (phase == CommandCategory.BUILD) {
      return dappfiles.baseImages(invocation.projectDirectory(), invocation.dimgs()).stream()
          .map(ImageReference::host)
          .distinct()
          .toList();
    }
    return invocation.repository().map(repository -> List.of(repository.host())).orElse(List.of());
  }
}
