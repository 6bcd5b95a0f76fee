package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.testing.HostileInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitLab's {@code DOCKER_AUTH_CONFIG} CI/CD variable, a config.json as JSON text: a push to an htpasswd registry
 * whose credentials are only there works, reading them in memory; nothing is written under {@code HOME} or
 * {@code TMPDIR}; a value that is no JSON stops the job in one line that names the variable and nothing of it.
 */
class DockerAuthConfigEndToEndTest {

  private static final String USER = "gitlab-deployer";
  private static final String PASSWORD = "auth-config-pass-8b2f";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of(USER, PASSWORD));

  @TempDir
  static Path shared;
  private static Path project;
  private static Path store;

  @TempDir
  Path home;
  @TempDir
  Path tmp;

  private final Map<String, String> environment = new HashMap<>();

  @BeforeAll
  static void buildAnImage() throws Exception {
    project = TestProject.at(shared.resolve("project")).dappfile("from: scratch\ngit:\n- add: /src\n  to: /app\n")
        .file("src/app.txt", "pushed with DOCKER_AUTH_CONFIG\n").directory();
    store = shared.resolve("store");
    InProcessDapp.Result build = WholeDappComponent.run(Map.of("HOME", shared.toString()),
        "dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(build.exitCode()).as(build.all()).isZero();
  }

  @BeforeEach
  void environment() {
    environment.put("HOME", home.toString());
    environment.put("TMPDIR", tmp.toString());
  }

  private InProcessDapp.Result push(String tag) {
    return WholeDappComponent.run(environment, "dimg", "push", "--dir", project.toString(), "--store",
        store.toString(), "--tag-plain", tag, "--debug", REGISTRY.host() + "/app");
  }

  @Test
  void credentialsOnlyInTheVariable_pushTheImage_andNothingIsWrittenUnderHomeOrTmpdir() throws Exception {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    environment.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}");

    InProcessDapp.Result push = push("1");

    assertThat(push.exitCode()).as(push.all()).isZero();
    assertThat(push.err()).contains("$DOCKER_AUTH_CONFIG is set: its auths are read too, in memory");
    assertThat(push.all()).doesNotContain(PASSWORD).doesNotContain(auth);
    assertThat(files(home)).isEmpty();
    assertThat(files(tmp)).isEmpty();
    assertThat(Skopeo.json("inspect", "--tls-verify=false", "--creds", USER + ":" + PASSWORD,
        "docker://" + REGISTRY.host() + "/app:1").path("Digest").asText()).startsWith("sha256:");
  }

  @Test
  void withoutTheVariable_theSamePushIsUnauthorized() {
    InProcessDapp.Result push = push("2");

    assertThat(push.exitCode()).isEqualTo(1);
    assertThat(push.err()).contains("authentication required");
  }

  @Test
  void aVariableThatIsNoJson_stopsTheJob_namingItAndNothingOfIt() {
    environment.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":" + PASSWORD + "}}}");

    InProcessDapp.Result push = WholeDappComponent.run(environment, "dimg", "push", "--dir", project.toString(),
        "--store", store.toString(), "--tag-plain", "3", REGISTRY.host() + "/app");

    assertThat(push.exitCode()).isEqualTo(2);
    String error = push.err().strip();
    HostileInput.assertOneLine(error);
    assertThat(error).matches("dapp: error: \\$DOCKER_AUTH_CONFIG: not valid JSON \\(line 1, column \\d+\\)");
  }

  private static List<Path> files(Path directory) throws Exception {
    try (Stream<Path> all = Files.walk(directory)) {
      return all.filter(path -> !path.equals(directory)).toList();
    }
  }
}
