package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryCredentialsException;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A docker config that cannot be read is the user's input: its {@link InvalidInputException} comes out of
 * the client unchanged (exit status 2), before anything is sent. A credential helper that fails is an
 * operation that failed: {@link RegistryCredentialsException} (exit status 1).
 */
class UnreadableDockerConfigTest {

  private final JerseyRegistryClientFactory factory =
      new JerseyRegistryClientFactory(Duration.ofSeconds(2), Duration.ofSeconds(2), new RecordingSleeper().tools());

  /** A docker config whose every lookup fails as given. */
  private record Failing(DappException failure) implements DockerConfig {
    @Override
    public Path directory() {
      return Path.of("/home/ci/.docker");
    }

    @Override
    public Optional<RegistryAuth> authFor(RegistryHost host) throws DappException {
      throw failure;
    }
  }

  @Test
  void malformedConfigJson_isTheConfigsOwnInputError_andNothingIsSent() throws Exception {
    InvalidInputException malformed =
        new InvalidInputException("/home/ci/.docker/config.json: not valid JSON at line 3, column 7");
    try (CannedServer server = new CannedServer(request -> CannedServer.Reply.of(200));
        RegistryClient client = factory.open(new Failing(malformed), RegistryOptions.defaults())) {
      Repository repository = new Repository(new RegistryHost("127.0.0.1:" + server.port()), "group/app");

      assertThatThrownBy(() -> client.listTags(repository)).isSameAs(malformed);
      assertThatThrownBy(() -> client.ping(repository.host())).isSameAs(malformed);
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void failingCredentialHelper_isAFailedOperation_namingTheRegistry() throws Exception {
    OperationFailedException helperFailed = new OperationFailedException(
        "docker-credential-pass get for registry.example.com failed with exit status 1: gpg: decryption failed");
    try (CannedServer server = new CannedServer(request -> CannedServer.Reply.of(200));
        RegistryClient client = factory.open(new Failing(helperFailed), RegistryOptions.defaults())) {
      RegistryHost host = new RegistryHost("127.0.0.1:" + server.port());

      assertThatThrownBy(() -> client.listTags(new Repository(host, "group/app")))
          .isInstanceOf(RegistryCredentialsException.class)
          .isInstanceOf(OperationFailedException.class)
          .isNotInstanceOf(InvalidInputException.class)
          .hasMessage("log in to " + host + ": credentials could not be read: " + helperFailed.getMessage())
          .hasCause(helperFailed);
      assertThat(server.received()).isEmpty();
    }
  }
}
