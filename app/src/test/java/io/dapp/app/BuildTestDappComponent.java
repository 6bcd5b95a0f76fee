package io.dapp.app;

import dagger.BindsInstance;
import dagger.Component;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.domain.port.Environment;
import jakarta.inject.Singleton;
import picocli.CommandLine;

/** dapp as built, with every real adapter and the real registry works, but the environment given by the test. */
@Singleton
@Component(modules = {DomainModule.class, RegistryWorksModule.class, EnvAdapterModule.class,
    RegistryAdapterModule.class, CliAdapterModule.class})
interface BuildTestDappComponent {

  CommandLine.IFactory commandFactory();

  @Component.Factory
  interface Factory {
    BuildTestDappComponent create(@BindsInstance Environment environment, @BindsInstance StandardInput standardInput);
  }
}
