package io.dapp.app;

import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.registry.InMemoryRegistryClientFactory;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.usecase.RegistryWorks;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the assembled application in this JVM with a given environment, stdin and registry work. */
final class InProcessDapp {

  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private final Map<String, String> environment;
  private final RegistryWorks works;
  private final RegistryClientFactory registries;
  private String stdin = "";

  /** With a registry fake that accepts every login: these runs test dapp, not a registry. */
  InProcessDapp(Map<String, String> environment, RegistryWorks works) {
    this(environment, works, new InMemoryRegistryClientFactory());
  }

  InProcessDapp(Map<String, String> environment, RegistryWorks works, RegistryClientFactory registries) {
    this.environment = environment;
    this.works = works;
    this.registries = registries;
  }

  InProcessDapp stdin(String stdin) {
    this.stdin = stdin;
    return this;
  }

  Result run(String... args) {
    TestDappComponent component = DaggerTestDappComponent.factory().create(
        new SystemEnvironment(environment),
        () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        works,
        registries);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DappCommandLine.execute(component.commandFactory(), new PrintWriter(out), new PrintWriter(err), args);
    return new Result(exit, out.toString(), err.toString());
  }
}
