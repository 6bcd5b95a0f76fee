package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import io.dapp.adapters.env.dockerconfig.FileDockerConfigStore;
import io.dapp.domain.port.DockerConfigStore;
import jakarta.inject.Singleton;

/** Docker configs on disk: the user's, an external one, and the temporary ones of login by dapp. */
@Module
interface FileDockerConfigModule {

  /** One store per component: it owns the shutdown hook that removes temporary configs on SIGTERM. */
  @Binds
  @Singleton
  DockerConfigStore dockerConfigStore(FileDockerConfigStore store);
}
