package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.BaseImageFetcher;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.port.ProjectSource;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.PhaseWorks;
import io.dapp.domain.usecase.RegistryWorks;
import java.util.Map;

/** The registry work behind each command. */
@Module
interface RegistryWorksModule {

  @Provides
  static BuildWork buildWork(Dappfiles dappfiles, ProjectSource source, LocalImageStores stores,
      BaseImageFetcher fetcher, LayerArchiver archiver, ImageFileReader imageFiles) {
    return new BuildWork(dappfiles, source, stores, new DimgBuilder(fetcher, archiver, imageFiles));
  }

  @Provides
  static RegistryWorks registryWorks(BuildWork build) {
    // Push, stages, cleanup and deploy work arrive with their issues; until then those commands (and the push
    // phase of bp) run their login procedure and then fail plainly.
    return new RegistryWorks(Map.of(
        DappCommand.DIMG_BUILD, build,
        DappCommand.DIMG_BP, new PhaseWorks(Map.of(CommandCategory.BUILD, build))));
  }
}
