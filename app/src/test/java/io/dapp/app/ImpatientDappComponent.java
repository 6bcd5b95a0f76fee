package io.dapp.app;

import dagger.BindsInstance;
import dagger.Component;
import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.cli.StandardInput;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * The production assembly — real registry work, real Jersey adapter, real CLI — with an impatient registry
 * client: a read timeout of one second and a retry budget of a few seconds, so that fault tests see
 * dapp's retries and give-ups without waiting minutes. Nothing else differs from {@code dapp}.
 */
@Singleton
@Component(modules = {DomainModule.class, RegistryWorksModule.class, EnvAdapterModule.class,
    FileDockerConfigModule.class, CliAdapterModule.class, RegistryDocumentsModule.class})
interface ImpatientDappComponent {

  Duration READ_TIMEOUT = Duration.ofSeconds(1);
  RetryPolicy RETRIES = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(5));

  CommandLine.IFactory commandFactory();

  @Component.Factory
  interface Factory {
    ImpatientDappComponent create(@BindsInstance Environment environment,
        @BindsInstance StandardInput standardInput, @BindsInstance RegistryClientFactory registries);
  }

  /** Jersey's client with short timeouts, every command's options given the short retry budget. */
  final class Registries implements RegistryClientFactory {
    private final JerseyRegistryClientFactory jersey =
        new JerseyRegistryClientFactory(Duration.ofSeconds(2), READ_TIMEOUT);

    @Override
    public RegistryClient open(DockerConfig dockerConfig, RegistryOptions options) {
      return jersey.open(dockerConfig, options.withRetryPolicy(RETRIES));
    }

    @Override
    public void verifyLogin(RegistryHost host, Credentials credentials, RegistryOptions options)
        throws RegistryException, io.dapp.domain.error.InvalidInputException {
      jersey.verifyLogin(host, credentials, options.withRetryPolicy(RETRIES));
    }

    @Override
    public io.dapp.domain.network.TlsFiles tlsFiles(RegistryHost host, RegistryOptions options) {
      return jersey.tlsFiles(host, options);
    }
  }

  static InProcessDapp.Result run(Map<String, String> environment, String stdin, String... args) {
    ImpatientDappComponent component = DaggerImpatientDappComponent.factory().create(
        new SystemEnvironment(environment), () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new Registries());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DappCommandLine.execute(component.commandFactory(), new PrintWriter(out), new PrintWriter(err), args);
    return new InProcessDapp.Result(exit, out.toString(), err.toString());
  }
}
