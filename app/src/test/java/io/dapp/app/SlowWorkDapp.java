package io.dapp.app;

import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.registry.InMemoryRegistryClientFactory;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
import java.util.Map;

/**
 * A dapp process whose push work announces its docker config and then takes a minute, so that a test
 * can signal it mid-command. Everything else is the real application.
 */
public final class SlowWorkDapp {

  private SlowWorkDapp() {}

  public static void main(String[] args) {
    RegistryWork slow = (invocation, phase, session, console) -> {
      console.info("working-with " + session.dockerConfig().directory());
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    TestDappComponent component = DaggerTestDappComponent.factory()
        .create(new SystemEnvironment(), StandardInput.system(), new RegistryWorks(Map.of(DappCommand.DIMG_PUSH, slow)),
            new InMemoryRegistryClientFactory());
    System.exit(DappCommandLine.execute(component.commandFactory(), args));
  }
}
