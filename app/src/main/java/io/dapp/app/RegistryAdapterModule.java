package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import io.dapp.domain.port.BaseImageFetcher;

/** The Registry v2 adapter; its bindings arrive with the registry client. */
@Module
interface RegistryAdapterModule {

  /** Until the registry client is wired: base images come from the local store only. */
  @Binds
  BaseImageFetcher baseImageFetcher(UnavailableBaseImageFetcher fetcher);
}
