package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.domain.build.BaseImageFetcher;
import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.build.MirroredBaseImageFetcher;
import io.dapp.domain.build.RegistryBaseImageFetcher;
import io.dapp.domain.build.ShellStagePorts;
import io.dapp.domain.cleanup.CleanupKind;
import io.dapp.domain.cleanup.CleanupWork;
import io.dapp.domain.cleanup.ImageInventory;
import io.dapp.domain.deploy.DeployValuesReader;
import io.dapp.domain.deploy.Deployer;
import io.dapp.domain.deploy.KubeDeployWork;
import io.dapp.domain.deploy.KubeValuesWork;
import io.dapp.domain.deploy.ValuesRenderer;
import io.dapp.domain.localstore.LocalCleanupKind;
import io.dapp.domain.localstore.LocalCleanupWork;
import io.dapp.domain.localstore.OfflineBaseImages;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.Environment;
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
import io.dapp.domain.push.PushWork;
import io.dapp.domain.push.StagesPullWork;
import io.dapp.domain.push.StagesPushWork;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.tag.TagResolver;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.PhaseWorks;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The registry work behind each command; built here because the domain carries no injection annotations.
 */
@Module
interface RegistryWorksModule {

  @Provides
  static RegistryWorks registryWorks(BuildWork build, KubeValuesWork kubeValues, KubeDeployWork kubeDeploy,
      TagResolver tags, RegistryClientFactory registries, LocalImageStores stores, ManifestReader manifests,
      CleanupWorks cleanup, LocalCleanupWorks localCleanup) {
    PushWork push = new PushWork(build, tags, registries, stores, PushWork.Naming.PER_DIMG);
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    works.put(DappCommand.DIMG_BUILD, build);
    works.put(DappCommand.DIMG_PUSH, push);
    works.put(DappCommand.DIMG_SPUSH, new PushWork(build, tags, registries, stores, PushWork.Naming.SINGLE));
    works.put(DappCommand.DIMG_BP, new PhaseWorks(Map.of(CommandCategory.BUILD, build, CommandCategory.PUSH, push)));
    works.put(DappCommand.DIMG_STAGES_PUSH, new StagesPushWork(build, registries, stores));
    works.put(DappCommand.DIMG_STAGES_PULL, new StagesPullWork(build, registries, stores, manifests));
    works.put(DappCommand.KUBE_VALUES, kubeValues);
    works.put(DappCommand.KUBE_DEPLOY, kubeDeploy);
    works.putAll(cleanup.byCommand());
    works.putAll(localCleanup.byCommand());
    return new RegistryWorks(works);
  }

  /** The local store's cleaning commands' works. */
  record LocalCleanupWorks(Map<DappCommand, RegistryWork> byCommand) {}

  /**
   * Their stage chains come from a build whose base images are only the store's: they talk to no
   * registry, so a base image the store lacks stops them rather than being pulled.
   */
  @Provides
  static LocalCleanupWorks localCleanupWorks(Dappfiles dappfiles, ProjectSource source, LocalImageStores stores,
      LayerArchiver archiver, ImageFileReader imageFiles, LayerContents layerContents,
      RootFilesystems rootFilesystems, MountDirectories mounts) {
    BuildWork offline = new BuildWork(dappfiles, source, stores,
        new DimgBuilder(new OfflineBaseImages(), archiver, imageFiles, layerContents, rootFilesystems));
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    for (LocalCleanupKind kind : LocalCleanupKind.values()) {
      works.put(kind.command(), new LocalCleanupWork(kind, offline, dappfiles, stores, rootFilesystems, mounts,
          Clock.systemUTC()));
    }
    return new LocalCleanupWorks(works);
  }

  /** The four cleaning commands' works. */
  record CleanupWorks(Map<DappCommand, RegistryWork> byCommand) {}

  @Provides
  static CleanupWorks cleanupWorks(RegistryClientFactory registries, ManifestReader manifests,
      ImageConfigReader configs, Dappfiles dappfiles, SourceRepositories git, KubernetesImages kubernetes,
      Environment environment) {
    ImageInventory inventory = new ImageInventory(manifests, configs, ImageInventory.DEFAULT_PARALLELISM);
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    for (CleanupKind kind : CleanupKind.values()) {
      works.put(kind.command(), new CleanupWork(kind, registries, inventory, dappfiles, git, kubernetes,
          environment, Clock.systemUTC()));
    }
    return new CleanupWorks(works);
  }

  @Provides
  static BuildWork buildWork(Dappfiles dappfiles, ProjectSource source, LocalImageStores stores,
      BaseImageFetcher fetcher, LayerArchiver archiver, ImageFileReader imageFiles, LayerContents layerContents,
      RootFilesystems rootFilesystems, StageRunners runners, MountDirectories mounts, Environment environment) {
    return new BuildWork(dappfiles, source, stores, new DimgBuilder(fetcher, archiver, imageFiles, layerContents,
        new ShellStagePorts(rootFilesystems, runners, mounts)), environment);
  }

  /** From each base image's registry; Docker Hub's through its mirrors first, when there are any. */
  @Provides
  static BaseImageFetcher baseImageFetcher(RegistryClientFactory registries, ManifestReader manifests) {
    return new MirroredBaseImageFetcher(new RegistryBaseImageFetcher(registries, manifests));
  }

  @Provides
  static TagResolver tagResolver(Environment environment, GitHeadReader git) {
    return new TagResolver(environment, git);
  }

  @Provides
  static DeployValuesReader deployValuesReader(Dappfiles dappfiles, RegistryClientFactory registries,
      ManifestReader manifests) {
    return new DeployValuesReader(dappfiles, registries, manifests);
  }

  @Provides
  static KubeValuesWork kubeValuesWork(TagResolver tags, DeployValuesReader values, ValuesRenderer renderer) {
    return new KubeValuesWork(tags, values, renderer);
  }

  @Provides
  static KubeDeployWork kubeDeployWork(TagResolver tags, DeployValuesReader values, Deployer deployer,
      Environment environment) {
    return new KubeDeployWork(tags, values, deployer, environment);
  }
}
