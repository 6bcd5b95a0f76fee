package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.usecase.RegistryWorks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Login by dapp verifies its credentials against a real Distribution registry, as docker login does. */
class LoginVerificationTest {

  private static final String JOB_TOKEN = "the-right-job-token";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("gitlab-ci-token", JOB_TOKEN));

  @TempDir
  Path home;
  @TempDir
  Path tmp;

  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void gitlabJob() {
    environment.put("HOME", home.toString());
    environment.put("TMPDIR", tmp.toString());
    environment.put("CI_REGISTRY", REGISTRY.host().name());
  }

  private InProcessDapp.Result push() {
    InProcessDapp dapp = new InProcessDapp(environment, new RegistryWorks(Map.of()), new JerseyRegistryClientFactory());
    return dapp.run("dimg", "stages", "push", REGISTRY.newRepository().toString());
  }

  @Test
  void rightJobToken_passesTheLogin_andReachesTheWork() {
    environment.put("CI_JOB_TOKEN", JOB_TOKEN);

    InProcessDapp.Result result = push();

    assertThat(result.err()).doesNotContain("login to").contains("is not available yet");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void wrongJobToken_stopsTheCommandAtLogin_andRemovesTheTemporaryConfig() {
    environment.put("CI_JOB_TOKEN", "a-wrong-job-token");

    InProcessDapp.Result result = push();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).singleElement().asString()
        .startsWith("dapp: error: login to " + REGISTRY.host() + " as gitlab-ci-token failed");
    assertThat(result.err()).doesNotContain("a-wrong-job-token");
    assertThat(tmp).isEmptyDirectory();
  }
}
