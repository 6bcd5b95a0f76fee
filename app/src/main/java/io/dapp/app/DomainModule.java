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
import jakarta.inject.Provider;

/** The domain's use cases, built here because the domain carries no injection annotations. */
@Module
interface DomainModule {

  @Provides
  static LoginPlanner loginPlanner(Environment environment, Dappfiles dappfiles) {
    return new LoginPlanner(new LoginPolicy(), new LoginTargets(dappfiles), environment);
  }

  /**
   * Built when a command runs, not when picocli builds the command tree: every command gets a use case,
   * and building all of them (Jackson, JGit, the registry client) made {@code dapp --version} slow.
   */
  @Provides
  static ExplainLoginUseCase explainLogin(Provider<LoginPlanner> planner) {
    return invocation -> planner.get().explain(invocation);
  }

  /** Built when a command runs, as {@link #explainLogin}. */
  @Provides
  static RegistryCommandUseCase registryCommand(Provider<RegistryCommandRunner> runner) {
    return (invocation, password, console, phases) -> runner.get().run(invocation, password, console, phases);
  }

  @Provides
  static RegistryCommandRunner registryCommandRunner(LoginPlanner planner, DockerConfigStore store,
      Environment environment, RegistryClientFactory registries, RegistryWorks works) {
    return new RegistryCommandRunner(planner, new LoginSessions(store, environment, registries), store, works,
        environment, registries);
  }
}
