package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import io.dapp.adapters.env.dappfile.YamlDappfiles;
import io.dapp.adapters.env.dockerconfig.FileDockerConfigStore;
import io.dapp.adapters.env.git.JGitSourceRepositories;
import io.dapp.adapters.env.kube.KubectlImages;
import io.dapp.adapters.env.process.ProcessRunner;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.KubernetesImages;
import io.dapp.domain.port.SourceRepositories;
import jakarta.inject.Singleton;

/** The environment adapter: docker configs on disk, the dappfile, git (JGit) and kubectl. */
@Module
interface EnvAdapterModule {

  /** One store per process: it owns the shutdown hook that removes temporary configs on SIGTERM. */
  @Binds
  @Singleton
  DockerConfigStore dockerConfigStore(FileDockerConfigStore store);

  @Binds
  Dappfiles dappfiles(YamlDappfiles dappfiles);

  @Binds
  SourceRepositories sourceRepositories(JGitSourceRepositories repositories);

  @Binds
  ProcessRunner processRunner(SystemProcessRunner runner);

  @Binds
  KubernetesImages kubernetesImages(KubectlImages kubectl);
}
