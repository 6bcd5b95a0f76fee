package io.dapp.adapters.env.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.TemporaryDockerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryDockerConfigTest {

  private static final Credentials CI = new Credentials("gitlab-ci-token", Secret.of("job-token-value"));

  @TempDir
  Path root;

  private StoreFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StoreFixture(root);
  }

  @Test
  void temporaryConfig_isPrivateAndRemovedOnClose() throws Exception {
    TemporaryDockerConfig config = fixture.store().createTemporary(Map.of(new RegistryHost("registry.example.com"), CI));
    Path directory = config.directory();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("config.json"))))
        .isEqualTo("rw-------");
    assertThat(directory.getParent()).isEqualTo(fixture.tmp);

    config.close();

    assertThat(directory).doesNotExist();
    assertThat(fixture.tmp).isEmptyDirectory();
  }

  @Test
  void temporaryConfig_isNamedAfterThisProcessSoItCanBeSwept() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().orElseThrow().toEpochMilli();

    try (TemporaryDockerConfig config = fixture.store().createTemporary(Map.of())) {
      assertThat(config.directory().getFileName().toString())
          .matches("dapp-docker-config-" + self.pid() + "-" + start + "-[0-9]+");
    }
  }

  @Test
  void temporaryConfig_holdsDockerLoginsFormat_withDockerHubUnderTheV1Index() throws Exception {
    Map<RegistryHost, Credentials> logins = new LinkedHashMap<>();
    logins.put(new RegistryHost("registry.example.com:5050"), CI);
    logins.put(new RegistryHost("registry-1.docker.io"), new Credentials("bob", Secret.of("pass:with:colons")));

    try (TemporaryDockerConfig config = fixture.store().createTemporary(logins)) {
      JsonNode written = new ObjectMapper().readTree(config.directory().resolve("config.json").toFile());

      assertThat(written.fieldNames()).toIterable().containsExactly("auths");
      assertThat(written.get("auths").fieldNames()).toIterable()
          .containsExactly("registry.example.com:5050", "https://index.docker.io/v1/");
      assertThat(decoded(written.at("/auths/registry.example.com:5050/auth").textValue()))
          .isEqualTo("gitlab-ci-token:job-token-value");
      assertThat(decoded(written.at("/auths/https:~1~1index.docker.io~1v1~1/auth").textValue()))
          .isEqualTo("bob:pass:with:colons");
      assertThat(written.at("/auths/registry.example.com:5050").size()).isEqualTo(1);
    }
  }

  @Test
  void givenWriteFailure_createTemporary_removesTheDirectoryAndFails() {
    FileDockerConfigStore store = fixture.store((file, content) -> {
      Files.writeString(file, "{\"auths\":");
      throw new IOException("No space left on device");
    });

    assertThatThrownBy(() -> store.createTemporary(Map.of(new RegistryHost("registry.example.com"), CI)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("No space left on device")
        .hasMessageNotContaining("job-token-value");
    assertThat(fixture.tmp).isEmptyDirectory();
    assertThat(store.liveTemporaries()).isZero();
  }

  @Test
  void givenMissingTempDirectory_createTemporary_failsNamingIt() {
    Path missing = root.resolve("no-such-tmp");
    FileDockerConfigStore store = new FileDockerConfigStore(
        new SystemEnvironment(Map.of()), fixture.home, missing,
        fixture.helpers(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> store.createTemporary(Map.of()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("cannot create a temporary docker config in " + missing + ": no such directory");
  }

  @Test
  void closedConfigs_areForgottenByTheStore_soTheShutdownHookHasNothingLeftToDo() throws Exception {
    FileDockerConfigStore store = fixture.store();
    TemporaryDockerConfig first = store.createTemporary(Map.of());
    TemporaryDockerConfig second = store.createTemporary(Map.of());
    assertThat(store.liveTemporaries()).isEqualTo(2);

    first.close();
    second.close();
    second.close();

    assertThat(store.liveTemporaries()).isZero();
  }

  @Test
  void close_removesAnythingPutInsideTheDirectory_butNotWhatALinkPointsTo() throws Exception {
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "keep");
    TemporaryDockerConfig config = fixture.store().createTemporary(Map.of());
    Files.createDirectories(config.directory().resolve("nested/deeper"));
    Files.writeString(config.directory().resolve("nested/deeper/file"), "x");
    Files.createSymbolicLink(config.directory().resolve("link"), outside);

    config.close();

    assertThat(config.directory()).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("keep");
  }

  private static String decoded(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
