package io.dapp.app;

import dagger.BindsInstance;
import dagger.Component;
import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.port.Environment;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The production assembly (real registry work, real adapters) with only the process swapped: the
 * environment and standard input come from the test. Runs commands in this JVM.
 */
@Singleton
@Component(modules = {DomainModule.class, RegistryWorksModule.class, EnvAdapterModule.class,
    FileDockerConfigModule.class,
    RegistryAdapterModule.class, CliAdapterModule.class})
interface WholeDappComponent {

  CommandLine.IFactory commandFactory();

  @Component.Factory
  interface Factory {
    WholeDappComponent create(@BindsInstance Environment environment, @BindsInstance StandardInput standardInput);
  }

  static InProcessDapp.Result run(Map<String, String> environment, String... args) {
    return runWithStdin(environment, "", args);
  }

  static InProcessDapp.Result runWithStdin(Map<String, String> environment, String stdin, String... args) {
    WholeDappComponent component = DaggerWholeDappComponent.factory().create(new SystemEnvironment(environment),
        () -> new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DappCommandLine.execute(component.commandFactory(), new PrintWriter(out), new PrintWriter(err), args);
    return new InProcessDapp.Result(exit, out.toString(), err.toString());
  }
}
