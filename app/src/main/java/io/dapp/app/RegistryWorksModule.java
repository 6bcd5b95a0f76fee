package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.domain.usecase.RegistryWorks;
import java.util.Map;

/** The registry work behind each command. */
@Module
interface RegistryWorksModule {

  @Provides
  static RegistryWorks registryWorks() {
    // Registry work arrives with the registry, build/push and cleanup issues; until then every command
    // runs its login procedure and then fails plainly.
    return new RegistryWorks(Map.of());
  }
}
