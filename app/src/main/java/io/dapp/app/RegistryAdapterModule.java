package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.registry.RegistryClientFactory;
import jakarta.inject.Singleton;

/** The Registry v2 adapter over Jersey. */
@Module(includes = RegistryDocumentsModule.class)
interface RegistryAdapterModule {

  /**
   * One per process: its clients share what pinging a registry taught them, so the ping of a login
   * verification also serves the work after it. Cheap to build: Jersey's client is created when a command
   * first talks to a registry.
   */
  @Provides
  @Singleton
  static RegistryClientFactory registryClientFactory() {
    return new JerseyRegistryClientFactory();
  }
}
