package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.env.dockerconfig.FileDockerConfigStore;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryClientFactory;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/** The adapters an embedding replaces, each the embedder's when given and the command line's otherwise. */
@Module
interface EmbeddedAdaptersModule {

  @Provides
  @Singleton
  static Environment environment(EmbeddedAdapters adapters) {
    return adapters.environment().orElseGet(SystemEnvironment::new);
  }

  /** The file store is built only when used: an embedding with its own credentials may never touch disk. */
  @Provides
  @Singleton
  static DockerConfigStore dockerConfigStore(EmbeddedAdapters adapters, Provider<FileDockerConfigStore> files) {
    if (adapters.dockerConfigs().isPresent()) {
      return adapters.dockerConfigs().get();
    }
    return adapters.credentials().<DockerConfigStore>map(source -> new CredentialSourceConfigStore(source, files::get))
        .orElseGet(files::get);
  }

  @Provides
  @Singleton
  static RegistryClientFactory registryClientFactory(EmbeddedAdapters adapters) {
    return adapters.registries().orElseGet(JerseyRegistryClientFactory::new);
  }
}
