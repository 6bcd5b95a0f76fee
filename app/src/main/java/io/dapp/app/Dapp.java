package io.dapp.app;

import io.dapp.adapters.cli.DappCommandLine;

/** The {@code dapp} executable. */
public final class Dapp {

  private Dapp() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command and returns its exit code; testable without exiting the JVM. */
  public static int run(String... args) {
    DappComponent component = DaggerDappComponent.create();
    return DappCommandLine.execute(component.commandFactory(), args);
  }
}
