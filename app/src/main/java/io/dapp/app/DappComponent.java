package io.dapp.app;

import dagger.Component;
import jakarta.inject.Singleton;
import picocli.CommandLine;

/**
 * The application: one module per adapter plus the domain's use cases. Another assembly (a test, an
 * embedding) is another component that installs other modules; nothing here is static or global.
 */
@Singleton
@Component(modules = {ProcessModule.class, DomainModule.class, RegistryWorksModule.class, EnvAdapterModule.class,
    FileDockerConfigModule.class, RegistryAdapterModule.class, CliAdapterModule.class})
public interface DappComponent {

  /** Builds each picocli command with its dependencies. */
  CommandLine.IFactory commandFactory();
}
