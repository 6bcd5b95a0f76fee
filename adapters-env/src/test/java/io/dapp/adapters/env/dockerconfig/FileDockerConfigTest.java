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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading config.json as docker does: every form of an entry, docker's key lookup, and the default config. */
class FileDockerConfigTest {

  private static final RegistryHost REGISTRY = new RegistryHost("registry.example.com");
  private static final RegistryAuth ALICE = basic("alice", "s3cret-password");

  @TempDir
  Path root;

  private StoreFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StoreFixture(root);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "auth, padded                  | {\"auth\":\"YWxpY2U6czNjcmV0LXBhc3N3b3Jk\"}",
      "auth, with surrounding blanks | {\"auth\":\" YWxpY2U6czNjcmV0LXBhc3N3b3Jk \"}",
      "username and password         | {\"username\":\"alice\",\"password\":\"s3cret-password\"}",
      "auth wins over username       | {\"auth\":\"YWxpY2U6czNjcmV0LXBhc3N3b3Jk\",\"username\":\"bob\",\"password\":\"x\"}",
      "docker's extra fields ignored | {\"auth\":\"YWxpY2U6czNjcmV0LXBhc3N3b3Jk\",\"email\":\"a@example.com\",\"serveraddress\":\"x\"}"})
  void givenUserAndPassword_authFor_returnsBasic(String form, String entry) throws Exception {
    assertThat(authFor(REGISTRY, "registry.example.com", entry)).contains(ALICE);
  }

  @Test
  void givenAuthWithoutPadding_authFor_decodesIt() throws Exception {
    String unpadded = base64("alice:pw").replace("=", "");
    assertThat(base64("alice:pw")).endsWith("=");

    assertThat(authFor(REGISTRY, "registry.example.com", "{\"auth\":\"" + unpadded + "\"}"))
        .contains(basic("alice", "pw"));
  }

  @Test
  void givenPasswordWithColons_authFor_splitsAtTheFirstColon() throws Exception {
    assertThat(authFor(REGISTRY, "registry.example.com", "{\"auth\":\"" + base64("alice:a:b:c") + "\"}"))
        .contains(basic("alice", "a:b:c"));
  }

  @Test
  void givenIdentityToken_authFor_returnsIt_evenBesideDockersEmptyPassword() throws Exception {
    String entry = "{\"auth\":\"" + base64("alice:") + "\",\"identitytoken\":\"refresh-token\"}";

    assertThat(authFor(REGISTRY, "registry.example.com", entry))
        .contains(new RegistryAuth.IdentityToken(Secret.of("refresh-token")));
  }

  @Test
  void givenRegistryToken_authFor_returnsIt() throws Exception {
    assertThat(authFor(REGISTRY, "registry.example.com", "{\"registrytoken\":\"bearer-token\"}"))
        .contains(new RegistryAuth.RegistryToken(Secret.of("bearer-token")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "empty entry left by a credential store | {}",
      "empty strings                          | {\"auth\":\"\",\"username\":\"\",\"password\":\"\"}",
      "nulls                                  | {\"auth\":null,\"identitytoken\":null}"})
  void givenEntryWithoutCredentials_authFor_isEmpty(String form, String entry) throws Exception {
    assertThat(authFor(REGISTRY, "registry.example.com", entry)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] key {0} serves {1}")
  @CsvSource({
      "registry.example.com, registry.example.com",
      "https://registry.example.com/v1/, registry.example.com",
      "https://registry.example.com, registry.example.com",
      "http://registry.example.com:5000, registry.example.com:5000",
      "HTTPS://REGISTRY.EXAMPLE.COM/v2/, registry.example.com",
      "https://index.docker.io/v1/, docker.io",
      "https://index.docker.io/v1/, index.docker.io",
      "https://index.docker.io/v1/, registry-1.docker.io",
      "docker.io, docker.io"})
  void authFor_findsTheEntryUnderDockersKeys(String key, String host) throws Exception {
    assertThat(authFor(new RegistryHost(host), key, "{\"auth\":\"" + base64("alice:s3cret-password") + "\"}"))
        .contains(ALICE);
  }

  @ParameterizedTest(name = "[{index}] key {0} does not serve {1}")
  @CsvSource({
      "registry.example.com:5000, registry.example.com",
      "http://registry.example.com, registry.example.com:5000",
      "https://index.docker.io/v1/, quay.io",
      "registry.example.com.evil.com, registry.example.com"})
  void authFor_keepsPortsAndHostsApart(String key, String host) throws Exception {
    assertThat(authFor(new RegistryHost(host), key, "{\"auth\":\"" + base64("alice:s3cret-password") + "\"}"))
        .isEmpty();
  }

  @Test
  void authFor_prefersTheExactKey() throws Exception {
    Path directory = fixture.configDirectory("config", """
        {"auths": {
          "https://registry.example.com/v1/": {"auth": "%s"},
          "registry.example.com": {"auth": "%s"}}}
        """.formatted(base64("old:old-password"), base64("alice:s3cret-password")));

    assertThat(fixture.store().openExternal(directory.toString()).authFor(REGISTRY)).contains(ALICE);
  }

  @Test
  void givenDirectoryWithoutConfigJson_openExternal_isAnEmptyConfig() throws Exception {
    Path directory = Files.createDirectory(root.resolve("empty"));

    DockerConfig config = fixture.store().openExternal(directory.toString());

    assertThat(config.directory()).isEqualTo(directory);
    assertThat(config.authFor(REGISTRY)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "'  \n'", "{}", "{\"auths\":{}}", "{\"auths\":null}"})
  void givenConfigWithoutAuths_authFor_isEmpty(String content) throws Exception {
    Path directory = fixture.configDirectory("config", content);

    assertThat(fixture.store().openExternal(directory.toString()).authFor(REGISTRY)).isEmpty();
  }

  @Test
  void givenMissingDirectory_openExternal_namesVariableAndPath() {
    String missing = root.resolve("missing").toString();

    assertThatThrownBy(() -> fixture.store().openExternal(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("DAPP_DOCKER_CONFIG=" + missing + ": directory does not exist");
  }

  @Test
  void givenFile_openExternal_saysItIsNotADirectory() throws IOException {
    Path file = Files.writeString(root.resolve("file"), "{}");

    assertThatThrownBy(() -> fixture.store().openExternal(file.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("DAPP_DOCKER_CONFIG=" + file + ": not a directory");
  }

  @Test
  void givenConfigJsonThatIsADirectory_openExternal_saysSo() throws IOException {
    Path directory = Files.createDirectories(root.resolve("config/config.json")).getParent();

    assertThatThrownBy(() -> fixture.store().openExternal(directory.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(directory.resolve("config.json") + " (DAPP_DOCKER_CONFIG): not a regular file");
  }

  @Test
  void givenMalformedJson_openExternal_failsWithPositionButNotTheText() throws IOException {
    Path directory = fixture.configDirectory("config", "{\"auths\": {\n  \"registry.example.com\": {\"auth\": s3cretValue}}}");

    assertThatThrownBy(() -> fixture.store().openExternal(directory.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(directory.resolve("config.json") + " (DAPP_DOCKER_CONFIG): not valid JSON (line 2, column")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("\n");
  }

  @Test
  void givenAuthWithoutColon_authFor_failsNamingTheEntryNotTheSecret() throws IOException {
    String encoded = base64("alices3cretpassword");

    assertMalformedEntry("{\"auth\":\"" + encoded + "\"}", "'auth' does not hold user:password (no ':')",
        "alices3cretpassword", encoded);
  }

  @Test
  void givenAuthThatIsNotBase64_authFor_failsNamingTheEntryNotTheValue() throws IOException {
    assertMalformedEntry("{\"auth\":\"s3cret!!value\"}", "'auth' is not valid base64", "s3cret!!value");
  }

  @Test
  void givenAuthThatIsNotAString_authFor_failsWithoutQuotingIt() throws IOException {
    assertMalformedEntry("{\"auth\":123456789}", "'auth' must be a string", "123456789");
  }

  @Test
  void givenUserNameWithoutPassword_authFor_failsNamingTheEntry() throws IOException {
    assertMalformedEntry("{\"username\":\"alice\"}", "has a user name but no password");
  }

  @Test
  void givenAuthWithEmptyUser_authFor_failsNamingTheEntry() throws IOException {
    assertMalformedEntry("{\"auth\":\"" + base64(":s3cretpassword") + "\"}", "has a password but no user name",
        "s3cretpassword");
  }

  @Test
  void givenAKeyWithALineBreak_openExternal_failsInOneLine() throws IOException {
    Path directory = fixture.configDirectory("config", "{\"auths\":{\"registry.example.com\\nX\":\"s3cret\"}}");

    assertThatThrownBy(() -> fixture.store().openExternal(directory.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith(": auths entry 'registry.example.com\\nX' must be an object");
  }

  @Test
  void givenEntryThatIsNotAnObject_openExternal_failsNamingIt() throws IOException {
    Path directory = fixture.configDirectory("config", "{\"auths\":{\"registry.example.com\":\"s3cret\"}}");

    assertThatThrownBy(() -> fixture.store().openExternal(directory.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith(": auths entry 'registry.example.com' must be an object")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void malformedEntryForAnotherRegistry_doesNotStopThisOne() throws Exception {
    Path directory = fixture.configDirectory("config", """
        {"auths": {"other.example.com": {"auth": "not base64!"},
                   "registry.example.com": {"auth": "%s"}}}
        """.formatted(base64("alice:s3cret-password")));

    assertThat(fixture.store().openExternal(directory.toString()).authFor(REGISTRY)).contains(ALICE);
  }

  @Test
  void openDefault_readsDockerConfigVariable() throws Exception {
    Path directory = fixture.configDirectory("elsewhere",
        "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("alice:s3cret-password") + "\"}}}");

    DockerConfig config = fixture.store(Map.of("DOCKER_CONFIG", directory.toString())).openDefault();

    assertThat(config.directory()).isEqualTo(directory);
    assertThat(config.authFor(REGISTRY)).contains(ALICE);
  }

  @Test
  void openDefault_withoutVariable_readsDotDockerInHome() throws Exception {
    fixture.configDirectory(".docker",
        "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("alice:s3cret-password") + "\"}}}");

    DockerConfig config = fixture.store(Map.of("DOCKER_CONFIG", "")).openDefault();

    assertThat(config.directory()).isEqualTo(fixture.home.resolve(".docker"));
    assertThat(config.authFor(REGISTRY)).contains(ALICE);
  }

  @Test
  void openDefault_thatDoesNotExist_isEmptyAndIsNeverCreated() throws Exception {
    DockerConfig config = fixture.store().openDefault();

    assertThat(config.authFor(REGISTRY)).isEmpty();
    assertThat(fixture.home).isEmptyDirectory();
  }

  @Test
  void openDefault_withMalformedConfig_failsOnlyWhenCredentialsAreAsked() throws Exception {
    fixture.configDirectory(".docker", "{not json");

    DockerConfig config = fixture.store().openDefault();

    assertThatThrownBy(() -> config.authFor(REGISTRY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(fixture.home.resolve(".docker/config.json") + ": not valid JSON (line 1, column 2)");
  }

  private void assertMalformedEntry(String entry, String problem, String... secrets) throws IOException {
    Path directory = fixture.configDirectory("config", "{\"auths\":{\"registry.example.com\":" + entry + "}}");

    assertThatThrownBy(() -> fixture.store().openExternal(directory.toString()).authFor(REGISTRY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(directory.resolve("config.json") + " (DAPP_DOCKER_CONFIG): auths entry 'registry.example.com': "
            + problem)
        .satisfies(e -> {
          for (String secret : secrets) {
            assertThat(e.getMessage()).doesNotContain(secret);
          }
        });
  }

  private Optional<RegistryAuth> authFor(RegistryHost host, String key, String entry) throws Exception {
    String json = "{\"auths\":{\"unrelated.example.com\":{\"auth\":\"" + base64("bob:bob-password") + "\"},"
        + "\"" + key + "\":" + entry + "}}";
    Path directory = fixture.configDirectory("config", json);
    return fixture.store().openExternal(directory.toString()).authFor(host);
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static RegistryAuth basic(String user, String password) {
    return new RegistryAuth.Basic(new Credentials(user, Secret.of(password)));
  }
}
