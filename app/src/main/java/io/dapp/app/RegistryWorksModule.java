package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.domain.cleanup.CleanupKind;
import io.dapp.domain.cleanup.CleanupRenderer;
import io.dapp.domain.cleanup.CleanupWork;
import io.dapp.domain.cleanup.ImageInventory;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.KubernetesImages;
import io.dapp.domain.port.SourceRepositories;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The registry work behind each command; built here because the domain carries no injection annotations.
 * A command without work yet runs its login procedure and then fails plainly.
 */
@Module
interface RegistryWorksModule {

  @Provides
  static RegistryWorks registryWorks(CleanupWorks cleanup) {
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    works.putAll(cleanup.byCommand());
    return new RegistryWorks(works);
  }

  /** The four cleaning commands' works. */
  record CleanupWorks(Map<DappCommand, RegistryWork> byCommand) {}

  @Provides
  static CleanupWorks cleanupWorks(RegistryClientFactory registries, ManifestReader manifests,
      ImageConfigReader configs, Dappfiles dappfiles, SourceRepositories git, KubernetesImages kubernetes,
      CleanupRenderer renderer, Environment environment) {
    ImageInventory inventory = new ImageInventory(manifests, configs, ImageInventory.DEFAULT_PARALLELISM);
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    for (CleanupKind kind : CleanupKind.values()) {
      works.put(kind.command(), new CleanupWork(kind, registries, inventory, dappfiles, git, kubernetes, renderer,
          environment, Clock.systemUTC()));
    }
    return new CleanupWorks(works);
  }
}
