package io.dapp.app;

import dagger.BindsInstance;
import dagger.Component;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.usecase.RegistryWorks;
import jakarta.inject.Singleton;
import picocli.CommandLine;

/**
 * dapp with the real adapters, but the process's environment, standard input, registry work and
 * registry client given by the test: the production component with modules swapped, as an embedder
 * would do it.
 */
@Singleton
@Component(modules = {DomainModule.class, EnvAdapterModule.class, FileDockerConfigModule.class, CliAdapterModule.class})
interface TestDappComponent {

  CommandLine.IFactory commandFactory();

  @Component.Factory
  interface Factory {
    TestDappComponent create(
        @BindsInstance Environment environment,
        @BindsInstance StandardInput standardInput,
        @BindsInstance RegistryWorks works,
        @BindsInstance RegistryClientFactory registries);
  }
}
