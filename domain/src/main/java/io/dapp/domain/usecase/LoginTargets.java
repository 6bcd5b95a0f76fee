package io.dapp.domain.usecase;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.registry.RegistryMirror;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The registries a command phase logs into: for BUILD the hosts of the dappfile's base images, with Docker
 * Hub's mirrors just before Docker Hub when a base image is there (its pulls try them first, so their
 * login follows the same rules as any registry's); for every other category the host of the REPO argument,
 * never a mirror (pushes, deletes and the stage cache go to the repository itself).
 */
public final class LoginTargets {

  private final Dappfiles dappfiles;

  public LoginTargets(Dappfiles dappfiles) {
    this.dappfiles = Objects.requireNonNull(dappfiles, "'dappfiles' must not be null");
  }

  public List<RegistryHost> of(CommandInvocation invocation, CommandCategory phase) throws InvalidInputException {
    if (phase == CommandCategory.BUILD) {
      Set<RegistryHost> hosts = new LinkedHashSet<>();
      for (ImageReference base : dappfiles.baseImages(invocation.projectDirectory(), invocation.dimgs())) {
        if (invocation.registryOptions().mirrored(base.host())) {
          invocation.registryOptions().mirrors().stream().map(RegistryMirror::host).forEach(hosts::add);
        }
        hosts.add(base.host());
      }
      return new ArrayList<>(hosts);
    }
    return invocation.repository().map(repository -> List.of(repository.host())).orElse(List.of());
  }
}
