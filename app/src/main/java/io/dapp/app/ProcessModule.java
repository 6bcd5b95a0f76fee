package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.port.Environment;
import jakarta.inject.Singleton;

/**
 * What the running process gives dapp: its environment and standard input. Tests and embedders bind
 * their own instances instead of installing this module.
 */
@Module
interface ProcessModule {

  @Provides
  @Singleton
  static Environment environment() {
    return new SystemEnvironment();
  }

  @Provides
  static StandardInput standardInput() {
    return StandardInput.system();
  }
}
