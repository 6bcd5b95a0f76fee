package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
import io.dapp.domain.usecase.WorkResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole login procedure through the real adapters: policy, temporary config, cleanup. */
class LoginProcedureEndToEndTest {

  private static final RegistryHost CI_REGISTRY = new RegistryHost("registry.myhost.com");

  @TempDir
  Path home;
  @TempDir
  Path tmp;

  private final Map<String, String> environment = new HashMap<>();
  private final List<Path> configsSeen = new ArrayList<>();
  private final List<Optional<RegistryAuth>> authsSeen = new ArrayList<>();
  private final List<String> permissionsSeen = new ArrayList<>();

  @BeforeEach
  void environment() {
    environment.put("HOME", home.toString());
    environment.put("TMPDIR", tmp.toString());
    environment.put("PATH", System.getenv("PATH"));
  }

  private InProcessDapp dapp() {
    RegistryWork recording = (invocation, phase, session, console) -> {
      Path directory = session.dockerConfig().directory();
      configsSeen.add(directory);
      authsSeen.add(session.dockerConfig().authFor(CI_REGISTRY));
      if (Files.isDirectory(directory)) {
        try {
          permissionsSeen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return WorkResult.DONE;
    };
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    for (DappCommand command : DappCommand.values()) {
      works.put(command, recording);
    }
    return new InProcessDapp(environment, new RegistryWorks(works));
  }

  @Test
  void autologin_writesAPrivateTemporaryConfigWithTheJobToken_andRemovesIt() {
    environment.put("CI_JOB_TOKEN", "job-token-e2e");
    environment.put("CI_REGISTRY", "registry.myhost.com");

    InProcessDapp.Result result = dapp().run("dimg", "push", "registry.myhost.com/web/backend");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(configsSeen).singleElement().satisfies(config -> {
      assertThat(config.getParent()).isEqualTo(tmp);
      assertThat(config).doesNotExist();
    });
    assertThat(permissionsSeen).containsExactly("rwx------");
    RegistryAuth.Basic basic = (RegistryAuth.Basic) authsSeen.get(0).orElseThrow();
    assertThat(basic.credentials().username()).isEqualTo("gitlab-ci-token");
    assertThat(basic.credentials().password().reveal()).isEqualTo("job-token-e2e");
    assertThat(home.resolve(".docker")).doesNotExist();
  }

  @Test
  void temporaryConfig_isRemovedWhenTheWorkFails() {
    environment.put("CI_JOB_TOKEN", "job-token-e2e");
    environment.put("CI_REGISTRY", "registry.myhost.com");
    InProcessDapp failing = new InProcessDapp(environment, new RegistryWorks(Map.of()));

    InProcessDapp.Result result = failing.run("dimg", "stages", "pull", "registry.myhost.com/web/backend");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("is not available yet");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void commandLineCredentials_fromStdin_reachTheTemporaryConfig() {
    InProcessDapp.Result result = dapp().stdin("stdin-pass\n").run("kube", "values",
        "registry.myhost.com/web/backend", "--registry-username", "deployer", "--registry-password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    RegistryAuth.Basic basic = (RegistryAuth.Basic) authsSeen.get(0).orElseThrow();
    assertThat(basic.credentials().username()).isEqualTo("deployer");
    assertThat(basic.credentials().password().reveal()).isEqualTo("stdin-pass");
  }

  @Test
  void externalDockerConfig_isUsedAsItIs() throws Exception {
    Path external = Files.createDirectory(home.resolve("external"));
    Files.writeString(external.resolve("config.json"),
        "{\"auths\":{\"registry.myhost.com\":{\"auth\":\"dXNlcjpwYXNz\"}}}");
    environment.put("DAPP_DOCKER_CONFIG", external.toString());

    InProcessDapp.Result result = dapp().run("dimg", "push", "registry.myhost.com/web/backend");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(configsSeen).containsExactly(external);
    assertThat(((RegistryAuth.Basic) authsSeen.get(0).orElseThrow()).credentials().username()).isEqualTo("user");
    assertThat(external).exists();
  }

  @Test
  void missingExternalDockerConfig_isAnInputError() {
    environment.put("DAPP_DOCKER_CONFIG", home.resolve("nope").toString());

    InProcessDapp.Result result = dapp().run("dimg", "push", "registry.myhost.com/web/backend");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1).first().asString().contains("DAPP_DOCKER_CONFIG");
    assertThat(configsSeen).isEmpty();
  }

  @Test
  void noLogin_readsTheDefaultConfigAndNeverCreatesIt() {
    InProcessDapp.Result result = dapp().run("dimg", "push", "registry.myhost.com/web/backend");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(configsSeen).containsExactly(home.resolve(".docker"));
    assertThat(authsSeen).containsExactly(Optional.empty());
    assertThat(home.resolve(".docker")).doesNotExist();
  }

  @Test
  void build_autologinsForBaseImagesInCiRegistryOnly() throws Exception {
    Path project = Files.createDirectory(home.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"),
        "dimg: web\nfrom: registry.myhost.com/sys/project/image:v2.1.0\n---\ndimg: tool\nfrom: alpine:3.19\n");
    environment.put("CI_JOB_TOKEN", "job-token-e2e");
    environment.put("CI_REGISTRY", "registry.myhost.com");

    InProcessDapp.Result result = dapp().run("dimg", "build", "--dir", project.toString(), "--debug");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(((RegistryAuth.Basic) authsSeen.get(0).orElseThrow()).credentials().username())
        .isEqualTo("gitlab-ci-token");
    assertThat(result.err()).contains("no login for docker.io");
  }

  @Test
  void bp_logsInOncePerPhase_eachWithItsOwnTemporaryConfig() throws Exception {
    Path project = Files.createDirectory(home.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), "from: registry.myhost.com/base:1\n");
    environment.put("CI_JOB_TOKEN", "job-token-e2e");
    environment.put("CI_REGISTRY", "registry.myhost.com");

    InProcessDapp.Result result = dapp().run("dimg", "bp", "registry.myhost.com/web/app", "--dir", project.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(configsSeen).hasSize(2).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).doesNotExist());
  }

  @Test
  void oneSidedCredentials_areAUsageErrorBeforeAnythingIsWritten() {
    InProcessDapp.Result result = dapp().run("dimg", "push", "registry.myhost.com/web/backend",
        "--registry-username", "me");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--registry-username is given without a password");
    assertThat(tmp).isEmptyDirectory();
  }
}
