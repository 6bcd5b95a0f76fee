package io.dapp.app;

import dagger.BindsInstance;
import dagger.Component;
import io.dapp.domain.usecase.ExplainLoginUseCase;
import io.dapp.domain.usecase.RegistryCommandUseCase;
import jakarta.inject.Singleton;

/**
 * dapp without its command line, for {@code io.dapp.app.embed.EmbeddedDapp}: the same use cases and adapters,
 * with the ones in {@link EmbeddedAdapters} replaced. Each instance has its own adapters and state.
 */
@Singleton
@Component(modules = {DomainModule.class, RegistryWorksModule.class, EnvAdapterModule.class,
    RegistryDocumentsModule.class, EmbeddedAdaptersModule.class})
public interface EmbeddedComponent {

  /** Runs a registry command's login procedure and work, as the command line does. */
  RegistryCommandUseCase registryCommand();

  /** {@code registry login-plan}: the login a command would use, and why. */
  ExplainLoginUseCase explainLogin();

  /** Builds a component. */
  @Component.Factory
  interface Factory {
    EmbeddedComponent create(@BindsInstance EmbeddedAdapters adapters);
  }

  /** A new component: its adapters and state are its own. */
  static EmbeddedComponent create(EmbeddedAdapters adapters) {
    return DaggerEmbeddedComponent.factory().create(adapters);
  }
}
