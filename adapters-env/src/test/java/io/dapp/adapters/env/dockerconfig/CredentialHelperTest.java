package io.dapp.adapters.env.dockerconfig;

import static io.dapp.adapters.env.dockerconfig.FileDockerConfigTest.base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.DockerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credential helpers through a real {@code docker-credential-test} shell script on the store's PATH. */
class CredentialHelperTest {

  private static final RegistryAuth HELPER_ALICE =
      new RegistryAuth.Basic(new Credentials("alice", Secret.of(CredentialHelperScript.PASSWORD)));

  @TempDir
  Path root;

  private StoreFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StoreFixture(root);
    CredentialHelperScript.installIn(fixture.bin);
  }

  @Test
  void givenCredsStore_authFor_asksTheHelperWithTheServerUrl() throws Exception {
    DockerConfig config = config("{\"credsStore\":\"test\"}");

    assertThat(config.authFor(new RegistryHost("registry.example.com"))).contains(HELPER_ALICE);
  }

  @Test
  void givenCredsStore_authForDockerHub_asksForTheV1Index() throws Exception {
    DockerConfig config = config("{\"credsStore\":\"test\"}");

    // The script answers alice only for "https://index.docker.io/v1/" read from its standard input.
    assertThat(config.authFor(new RegistryHost("registry-1.docker.io"))).contains(HELPER_ALICE);
  }

  @Test
  void givenTokenUserName_authFor_returnsAnIdentityToken() throws Exception {
    DockerConfig config = config("{\"credHelpers\":{\"token.example.com\":\"test\"}}");

    assertThat(config.authFor(new RegistryHost("token.example.com")))
        .contains(new RegistryAuth.IdentityToken(Secret.of(CredentialHelperScript.IDENTITY_TOKEN)));
  }

  @Test
  void givenCredentialsNotFound_authFor_isASoftMiss() throws Exception {
    DockerConfig config = config("{\"credsStore\":\"test\"}");

    assertThat(config.authFor(new RegistryHost("unknown.example.com"))).isEmpty();
  }

  @Test
  void givenEmptySecret_authFor_isEmpty() throws Exception {
    DockerConfig config = config("{\"credsStore\":\"test\"}");

    assertThat(config.authFor(new RegistryHost("empty-secret.example.com"))).isEmpty();
  }

  @Test
  void credHelperForTheRegistry_winsOverCredsStoreAndAuths() throws Exception {
    DockerConfig config = config("""
        {"auths": {"registry.example.com": {"auth": "%s"}},
         "credsStore": "missing",
         "credHelpers": {"https://registry.example.com/": "test"}}
        """.formatted(base64("bob:bob-password")));

    assertThat(config.authFor(new RegistryHost("registry.example.com"))).contains(HELPER_ALICE);
  }

  @Test
  void credsStore_winsOverAuths_asInDocker() throws Exception {
    DockerConfig config = config("""
        {"auths": {"registry.example.com": {"auth": "%s"}}, "credsStore": "test"}
        """.formatted(base64("bob:bob-password")));

    assertThat(config.authFor(new RegistryHost("registry.example.com"))).contains(HELPER_ALICE);
  }

  @Test
  void emptyCredHelperForTheRegistry_meansTheFile_evenWithACredsStore() throws Exception {
    DockerConfig config = config("""
        {"auths": {"registry.example.com": {"auth": "%s"}},
         "credsStore": "missing", "credHelpers": {"registry.example.com": ""}}
        """.formatted(base64("bob:bob-password")));

    assertThat(config.authFor(new RegistryHost("registry.example.com")))
        .contains(new RegistryAuth.Basic(new Credentials("bob", Secret.of("bob-password"))));
  }

  @Test
  void credHelperForAnotherRegistry_isNotAsked() throws Exception {
    DockerConfig config = config("""
        {"auths": {"registry.example.com": {"auth": "%s"}}, "credHelpers": {"gcr.io": "missing"}}
        """.formatted(base64("bob:bob-password")));

    assertThat(config.authFor(new RegistryHost("registry.example.com")))
        .contains(new RegistryAuth.Basic(new Credentials("bob", Secret.of("bob-password"))));
  }

  @Test
  void givenMissingHelperBinary_authFor_failsNamingIt() throws IOException {
    DockerConfig config = config("{\"credsStore\":\"desktop\"}");

    assertThatThrownBy(() -> config.authFor(new RegistryHost("registry.example.com")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("docker-credential-desktop (named in ")
        .hasMessageEndingWith("config.json (DAPP_DOCKER_CONFIG) credsStore) was not found in PATH");
  }

  @Test
  void givenHelperNameWithASlash_authFor_doesNotRunAnythingOutsideThePath() throws IOException {
    DockerConfig config = config("{\"credsStore\":\"../bin/docker-credential-test\"}");

    assertThatThrownBy(() -> config.authFor(new RegistryHost("registry.example.com")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("was not found in PATH");
  }

  @Test
  void givenHelperFailure_authFor_failsWithItsFirstLine() throws IOException {
    DockerConfig config = config("{\"credsStore\":\"test\"}");

    assertThatThrownBy(() -> config.authFor(new RegistryHost("failing.example.com")))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("docker-credential-test get for failing.example.com failed with exit status 1: "
            + "keychain is locked");
  }

  @Test
  void givenMalformedAnswer_authFor_failsWithoutQuotingIt() throws IOException {
    DockerConfig config = config("{\"credsStore\":\"test\"}");

    assertThatThrownBy(() -> config.authFor(new RegistryHost("malformed.example.com")))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("docker-credential-test get for malformed.example.com answered malformed JSON")
        .hasMessageNotContaining(CredentialHelperScript.PASSWORD);
  }

  @Test
  void givenHelperThatHangs_authFor_failsAfterTheTimeout() throws IOException {
    FileDockerConfigStore store = new FileDockerConfigStore(new SystemEnvironment(Map.of()), fixture.home,
        fixture.tmp, fixture.helpers(Duration.ofMillis(300)));
    Path directory = fixture.configDirectory("config", "{\"credsStore\":\"test\"}");
    long started = System.nanoTime();

    assertThatThrownBy(() -> store.openExternal(directory.toString()).authFor(new RegistryHost("slow.example.com")))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("docker-credential-test get for slow.example.com did not finish within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  private DockerConfig config(String json) throws IOException {
    Path directory = fixture.configDirectory("config", json);
    try {
      return fixture.store().openExternal(directory.toString());
    } catch (InvalidInputException e) {
      throw new AssertionError(e);
    }
  }
}
