package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import io.dapp.adapters.env.dappfile.YamlDappfiles;
import io.dapp.adapters.env.dockerconfig.FileDockerConfigStore;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.DockerConfigStore;
import jakarta.inject.Singleton;

/** The environment adapter: docker configs on disk and the dappfile. */
@Module
interface EnvAdapterModule {

  /** One store per process: it owns the shutdown hook that removes temporary configs on SIGTERM. */
  @Binds
  @Singleton
  DockerConfigStore dockerConfigStore(FileDockerConfigStore store);

  @Binds
  Dappfiles dappfiles(YamlDappfiles dappfiles);
}
