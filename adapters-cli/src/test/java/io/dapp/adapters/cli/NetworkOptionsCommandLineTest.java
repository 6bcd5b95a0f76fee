package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.domain.login.LoginEnvironment;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.login.LoginRequest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.ProxySettings;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.LoginExplanation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --cert-dir} and {@code --registry-mirror} on every registry command, and login-plan's network part. */
class NetworkOptionsCommandLineTest {

  private static final RegistryHost MIRROR = new RegistryHost("mirror.corp:5000");

  @Test
  void certDirAndMirrors_reachTheRegistryOptions_onEveryRegistryCommand() {
    CommandLineHarness dapp = new CommandLineHarness();

    int exit = dapp.run("dimg", "bp", "registry.corp/app", "--cert-dir", "/ci/certs.d/../certs.d",
        "--registry-mirror", "https://mirror.corp:5000", "--registry-mirror", "http://10.0.0.5:5000,https://mirror.corp:5000");

    assertThat(exit).as(dapp.err).isZero();
    RegistryOptions options = dapp.invocations.get(0).registryOptions();
    assertThat(options.mirrors()).extracting(Object::toString)
        .containsExactly("https://mirror.corp:5000", "http://10.0.0.5:5000");
    assertThat(options.network().tls().roots()).containsExactly(Path.of("/ci/certs.d"));
    assertThat(options.network().tls().certDirectory().orElseThrow().source()).isEqualTo("--cert-dir");
  }

  @Test
  void aMirrorThatIsNoUrl_isAUsageError_inOneLine() {
    CommandLineHarness dapp = new CommandLineHarness();

    int exit = dapp.run("dimg", "build", "--registry-mirror", "https://user:mirror-secret@mirror.corp");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("--registry-mirror: a mirror URL must not hold credentials")
        .doesNotContain("mirror-secret");
    assertThat(dapp.invocations).isEmpty();
  }

  @Test
  void loginPlan_showsMirrorsAsBuildTargets_proxiesWithoutCredentials_andCertsDirectories() throws Exception {
    CommandLineHarness dapp = new CommandLineHarness().explainWith(commandLine -> {
      var invocation = commandLine.withRegistryOptions(commandLine.registryOptions().withNetwork(
          commandLine.registryOptions().network().withProxies(ProxySettings.from(Map.of(
              "HTTPS_PROXY", "http://proxy-user:proxy-pass@proxy.corp:3128", "NO_PROXY", ".corp")))));
      return new LoginExplanation(invocation, List.of(new LoginPolicy().plan(new LoginRequest(
          io.dapp.domain.model.CommandCategory.BUILD, List.of(MIRROR, RegistryHost.DOCKER_HUB), invocation.loginOptions(),
          LoginEnvironment.from(Map.of("DOCKER_AUTH_CONFIG", "{}"))))));
    });

    dapp.run("registry", "login-plan", "dimg", "build", "--registry-mirror", "https://mirror.corp:5000",
        "--cert-dir", "/ci/certs.d");

    assertThat(dapp.out)
        .contains("  registries: mirror.corp:5000 (mirror of docker.io), docker.io\n")
        .contains("  procedure:  no login: the default docker config ($DOCKER_CONFIG or ~/.docker), read only, then "
            + "the auths of $DOCKER_AUTH_CONFIG, read in memory\n")
        .contains("  mirrors:    https://mirror.corp:5000, then docker.io, for base images from docker.io\n")
        .contains("  proxies:    https: http://proxy.corp:3128 ($HTTPS_PROXY); http: direct ($HTTP_PROXY is not set); "
            + "$NO_PROXY: '.corp'\n")
        .contains("  mirror.corp:5000 (a mirror of docker.io)\n    https:      direct: $NO_PROXY entry '.corp' matches\n"
            + "    certs.d:    /ci/certs.d/mirror.corp:5000\n")
        .contains("  docker.io\n    https:      through the proxy http://proxy.corp:3128 ($HTTPS_PROXY)\n"
            + "    certs.d:    /ci/certs.d/registry-1.docker.io, /ci/certs.d/registry-1.docker.io:443\n")
        .doesNotContain("proxy-pass").doesNotContain("proxy-user");

    dapp.run("registry", "login-plan", "--json", "dimg", "build", "--registry-mirror", "https://mirror.corp:5000");
    JsonNode json = new ObjectMapper().readTree(dapp.out);
    assertThat(json.path("phases").get(0).path("mirrors").get(0).asText()).isEqualTo("mirror.corp:5000");
    assertThat(json.path("phases").get(0).path("procedure").path("dockerAuthConfig").asBoolean()).isTrue();
    assertThat(json.path("network").path("proxies").path("https").asText()).isEqualTo("http://proxy.corp:3128");
    assertThat(json.path("network").path("registries").get(1).path("https").path("reason").asText())
        .isEqualTo("through the proxy http://proxy.corp:3128 ($HTTPS_PROXY)");
    assertThat(dapp.out).doesNotContain("proxy-pass").doesNotContain("proxy-user");
  }
}
