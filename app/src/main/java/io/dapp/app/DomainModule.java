package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.usecase.ExplainLoginUseCase;
import io.dapp.domain.usecase.LoginPlanner;
import io.dapp.domain.usecase.LoginSessions;
import io.dapp.domain.usecase.LoginTargets;
import io.dapp.domain.usecase.RegistryCommandRunner;
import io.dapp.domain.usecase.RegistryCommandUseCase;
import io.dapp.domain.usecase.RegistryWorks;

/** The domain's use cases, built here because the domain carries no injection annotations. */
@Module
interface DomainModule {

  @Provides
  static LoginPlanner loginPlanner(Environment environment, Dappfiles dappfiles) {
    return new LoginPlanner(new LoginPolicy(), new LoginTargets(dappfiles), environment);
  }

  @Provides
  static ExplainLoginUseCase explainLogin(LoginPlanner planner) {
    return planner;
  }

  @Provides
  static RegistryCommandUseCase registryCommand(LoginPlanner planner, DockerConfigStore store,
      Environment environment, RegistryClientFactory registries, RegistryWorks works) {
    return new RegistryCommandRunner(planner, new LoginSessions(store, environment, registries), store, works,
        environment);
  }
}
