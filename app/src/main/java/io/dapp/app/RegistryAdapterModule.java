package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.dapp.adapters.registry.JacksonImageConfigReader;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.port.BaseImageFetcher;

/** The Registry v2 adapter over Jersey. */
@Module
interface RegistryAdapterModule {

  @Provides
  static RegistryClientFactory registryClientFactory() {
    // Cheap to build: Jersey's client is created when a command first talks to a registry.
    return new JerseyRegistryClientFactory();
  }

  @Provides
  static ManifestReader manifestReader() {
    return new JacksonManifestReader();
  }

  /** Until the registry client is wired: base images come from the local store only. */
  @Binds
  BaseImageFetcher baseImageFetcher(UnavailableBaseImageFetcher fetcher);

  @Provides
  static ImageConfigReader imageConfigReader() {
    return new JacksonImageConfigReader();
  }
}
