package io.dapp.adapters.env.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.DockerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitLab's {@code DOCKER_AUTH_CONFIG} behind the default docker config: its auths serve the registries the
 * file has no credentials for, read in memory; a value that is no config.json is bad input naming the
 * variable, never quoting it.
 */
class DockerAuthConfigTest {

  private static final RegistryHost REGISTRY = new RegistryHost("registry.example.com");
  private static final RegistryHost OTHER = new RegistryHost("other.example.com:5000");

  @TempDir
  Path root;

  private StoreFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StoreFixture(root);
  }

  private DockerConfig openDefault(String dockerAuthConfig) throws Exception {
    return fixture.store(Map.of("DOCKER_AUTH_CONFIG", dockerAuthConfig)).openDefault();
  }

  @Test
  void itsAuths_serveRegistriesTheFileHasNothingFor_andTheFileWinsWhereItHasAnEntry() throws Exception {
    fixture.configDirectory(".docker", "{\"auths\":{\"registry.example.com\":{\"auth\":\""
        + FileDockerConfigTest.base64("alice:file-password") + "\"}}}");

    DockerConfig config = openDefault("{\"auths\":{"
        + "\"https://registry.example.com/v2/\":{\"auth\":\"" + FileDockerConfigTest.base64("bob:variable-password")
        + "\"},\"other.example.com:5000\":{\"username\":\"ci\",\"password\":\"variable-password-2\"}}}");

    assertThat(config.authFor(REGISTRY)).contains(basic("alice", "file-password"));
    assertThat(config.authFor(OTHER)).contains(basic("ci", "variable-password-2"));
    assertThat(config.authFor(new RegistryHost("third.example.com"))).isEmpty();
    assertThat(config.directory()).isEqualTo(fixture.home.resolve(".docker"));
    assertThat(config.toString()).doesNotContain("variable-password");
  }

  @Test
  void withoutAConfigFile_itAloneServes_andNothingIsWritten() throws Exception {
    DockerConfig config = openDefault("{\"auths\":{\"registry.example.com\":{\"auth\":\""
        + FileDockerConfigTest.base64("bob:variable-password") + "\"}}}");

    assertThat(config.authFor(REGISTRY)).contains(basic("bob", "variable-password"));
    assertThat(fixture.home).isEmptyDirectory();
  }

  @Test
  void invalidJson_isBadInputNamingTheVariable_andOnlyThePosition() {
    assertThatThrownBy(() -> openDefault("{\"auths\":{\"registry.example.com\":{\"auth\":variable-password}}}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("$DOCKER_AUTH_CONFIG: not valid JSON (line 1, column 42)");
    assertThatThrownBy(() -> openDefault("[\"variable-password\"]"))
        .hasMessage("$DOCKER_AUTH_CONFIG: not a JSON object");
  }

  @Test
  void aMalformedEntry_namesTheVariableAndTheEntry_notTheValue() throws Exception {
    DockerConfig config = openDefault("{\"auths\":{\"registry.example.com\":{\"auth\":\"variable-password!\"}}}");

    assertThatThrownBy(() -> config.authFor(REGISTRY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("$DOCKER_AUTH_CONFIG: auths entry 'registry.example.com': 'auth' is not valid base64");
  }

  private static RegistryAuth basic(String user, String password) {
    return new RegistryAuth.Basic(new Credentials(user, Secret.of(password)));
  }
}
