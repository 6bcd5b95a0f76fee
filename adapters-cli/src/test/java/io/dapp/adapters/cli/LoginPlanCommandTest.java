package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.domain.login.LoginEnvironment;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.login.LoginRequest;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginExplanation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginPlanCommandTest {

  private static final Map<String, String> GITLAB = Map.of(
      "CI_JOB_TOKEN", "job-token-never-printed", "CI_REGISTRY", "registry.myhost.com");

  private final List<CommandInvocation> explained = new ArrayList<>();
  private final CommandLineHarness dapp = new CommandLineHarness().explainWith(invocation -> {
    explained.add(invocation);
    List<io.dapp.domain.login.LoginPlan> plans = new ArrayList<>();
    for (var phase : invocation.command().phases()) {
      plans.add(new LoginPolicy().plan(new LoginRequest(phase, List.of(invocation.repository().orElseThrow().host()),
          invocation.loginOptions(), LoginEnvironment.from(GITLAB))));
    }
    return new LoginExplanation(invocation, plans);
  });

  @Test
  void explainsTheCommandLineItIsGiven_withItsOptions() {
    int exit = dapp.run("registry", "login-plan", "dimg", "push", "registry.myhost.com/web/backend",
        "--registry-username", "myuser", "--registry-password-stdin");

    assertThat(exit).isZero();
    assertThat(explained.get(0).loginOptions().username()).contains("myuser");
    assertThat(dapp.out).contains("login by dapp").contains("user:       myuser")
        .contains("from --registry-password-stdin").contains("MATCHED");
  }

  @Test
  void readsNoPassword_evenWhenTheCommandWouldReadStdin() {
    dapp.stdin("stdin-password-must-not-be-read").run("registry", "login-plan", "dimg", "push", "r.io/a",
        "--registry-username", "me", "--registry-password-stdin");

    assertThat(dapp.invocations).isEmpty();
    assertThat(dapp.out).doesNotContain("stdin-password-must-not-be-read");
  }

  @Test
  void autologinPlan_namesTheSourceNotTheToken() {
    dapp.run("registry", "login-plan", "dimg", "push", "registry.myhost.com/web/backend");

    assertThat(dapp.out).contains("gitlab-ci-token").contains("from $CI_JOB_TOKEN")
        .doesNotContain("job-token-never-printed");
  }

  @Test
  void json_isMachineReadable() throws Exception {
    int exit = dapp.run("registry", "login-plan", "--json", "dimg", "cleanup", "repo", "registry.myhost.com/web/backend");

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(dapp.out);
    assertThat(json.path("command").asText()).isEqualTo("dimg cleanup repo");
    JsonNode phase = json.path("phases").get(0);
    assertThat(phase.path("procedure").path("type").asText()).isEqualTo("login-by-dapp");
    assertThat(phase.path("procedure").path("passwordSource").asText()).isEqualTo("$CI_JOB_TOKEN");
    assertThat(phase.path("warnings").get(0).asText()).contains("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD");
    assertThat(phase.path("rules")).hasSize(4);
  }

  @Test
  void bp_isExplainedPhaseByPhase() {
    dapp.run("registry", "login-plan", "dimg", "bp", "registry.myhost.com/web/backend");

    assertThat(dapp.out).contains("build phase").contains("push phase");
  }

  @Test
  void unknownCommand_isAUsageError() {
    int exit = dapp.run("registry", "login-plan", "dimg", "frobnicate", "r.io/a");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("cannot explain 'dapp dimg frobnicate r.io/a'");
  }

  @Test
  void commandThatIsNoRegistryCommand_isAUsageError() {
    int exit = dapp.run("registry", "login-plan", "kube");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("not a command that works with a registry");
  }
}
