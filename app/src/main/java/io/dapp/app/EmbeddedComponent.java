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

  RegistryCommandUseCase registryCommand();

  ExplainLoginUseCase explainLogin();

  /** Builds a component. */
  @Component.Factory
  interface Factory {
    EmbeddedComponent create(@BindsInstance EmbeddedAdapters adapters);
  }

  static EmbeddedComponent create(EmbeddedAdapters adapters) {
    return DaggerEmbeddedComponent.factory().create(adapters);
  }
}
