package io.dapp.app;

import dagger.BindsInstance;
import dagger.Component;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.domain.port.Environment;
import jakarta.inject.Singleton;
import picocli.CommandLine;

/** dapp as built, but its fingerprint cache trusts files written a moment ago (see {@link SettledFilesModule}). */
@Singleton
@Component(modules = {DomainModule.class, RegistryWorksModule.class, EnvAdapterModule.class,
    FileDockerConfigModule.class,
    RegistryAdapterModule.class, CliAdapterModule.class, SettledFilesModule.class})
interface SettledFilesDappComponent {

  CommandLine.IFactory commandFactory();

  @Component.Factory
  interface Factory {
    SettledFilesDappComponent create(@BindsInstance Environment environment,
        @BindsInstance StandardInput standardInput);
  }
}
