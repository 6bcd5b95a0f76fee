package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.adapters.registry.JacksonImageConfigReader;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ManifestReader;

/** How manifests and image configs are read (Jackson), whichever registry client fetches them. */
@Module
interface RegistryDocumentsModule {

  @Provides
  static ManifestReader manifestReader() {
    return new JacksonManifestReader();
  }

  @Provides
  static ImageConfigReader imageConfigReader() {
    return new JacksonImageConfigReader();
  }
}
