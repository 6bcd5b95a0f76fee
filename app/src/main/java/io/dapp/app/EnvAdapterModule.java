package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import io.dapp.adapters.env.dappfile.YamlDappfiles;
import io.dapp.adapters.env.git.JGitHeadReader;
import io.dapp.adapters.env.git.JGitSourceRepositories;
import io.dapp.adapters.env.helm.HelmDeployer;
import io.dapp.adapters.env.helm.JacksonValuesRenderer;
import io.dapp.adapters.env.kube.KubectlImages;
import io.dapp.adapters.env.layer.TarGzImageFileReader;
import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.layer.TarLayerContents;
import io.dapp.adapters.env.mounts.StoreMountDirectories;
import io.dapp.adapters.env.process.ProcessRunner;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.adapters.env.rootfs.LocalRootFilesystems;
import io.dapp.adapters.env.runtime.IsolatedStageRunners;
import io.dapp.adapters.env.source.GitProjectSource;
import io.dapp.adapters.env.store.OciLayoutStores;
import io.dapp.domain.deploy.Deployer;
import io.dapp.domain.deploy.ValuesRenderer;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.GitHeadReader;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.KubernetesImages;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LayerContents;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.port.MountDirectories;
import io.dapp.domain.port.ProjectSource;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.SourceRepositories;
import io.dapp.domain.port.StageRunners;
import jakarta.inject.Singleton;

/**
 * The environment adapter: the dappfile, git (JGit), helm, kubectl, the project's files, layers, the local
 * image store, and the root filesystems and runtimes shell stages run in. Docker configs are
 * {@link FileDockerConfigModule}'s, so that an embedding can keep them elsewhere.
 */
@Module
interface EnvAdapterModule {

  @Binds
  Dappfiles dappfiles(YamlDappfiles dappfiles);

  @Binds
  GitHeadReader gitHeadReader(JGitHeadReader reader);

  @Binds
  Deployer deployer(HelmDeployer helm);

  @Binds
  ValuesRenderer valuesRenderer(JacksonValuesRenderer renderer);

  @Binds
  ProjectSource projectSource(GitProjectSource source);

  @Binds
  LocalImageStores localImageStores(OciLayoutStores stores);

  @Binds
  LayerArchiver layerArchiver(TarGzLayerArchiver archiver);

  @Binds
  ImageFileReader imageFileReader(TarGzImageFileReader reader);

  @Binds
  SourceRepositories sourceRepositories(JGitSourceRepositories repositories);

  @Binds
  ProcessRunner processRunner(SystemProcessRunner runner);

  @Binds
  KubernetesImages kubernetesImages(KubectlImages kubectl);

  /** One per process: it remembers the layers it read (a build's patches read the git layers more than once). */
  @Binds
  @Singleton
  LayerContents layerContents(TarLayerContents contents);

  @Binds
  MountDirectories mountDirectories(StoreMountDirectories directories);

  /** One per process: it probes once which driver (overlay or copy) this machine allows. */
  @Binds
  @Singleton
  RootFilesystems rootFilesystems(LocalRootFilesystems rootFilesystems);

  /** One per process: it asks once whether each isolation can run, and owns the hook that stops a stage on SIGTERM. */
  @Binds
  @Singleton
  StageRunners stageRunners(IsolatedStageRunners runners);
}
