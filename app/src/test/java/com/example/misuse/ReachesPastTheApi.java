package com.example.misuse;

import io.dapp.app.EmbeddedAdapters;
import io.dapp.app.EmbeddedComponent;
import io.dapp.domain.usecase.RegistryCommandUseCase;
import java.util.Optional;

/** What an embedder must not do, for the architecture test to catch: build the component itself. */
public final class ReachesPastTheApi {

  private ReachesPastTheApi() {}

  public static RegistryCommandUseCase useCase() {
    return EmbeddedComponent.create(new EmbeddedAdapters(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty())).registryCommand();
  }
}
