package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.TestPki;
import io.dapp.adapters.registry.TokenService;
import io.dapp.domain.testing.HostileInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitLab job behind a company's network, with real components: a Distribution registry behind TLS from the
 * company's CA, wanting client certificates, with its token service behind TLS on the same host; reached by the
 * name {@code registry.dapp.test} through a real squid that wants a user and password, with {@code HTTPS_PROXY} in
 * dapp's environment and the CA files given with {@code --cert-dir}. A proxy never applies to a loopback name, as
 * in Go, so the registry has to be reached by a name that is not one: squid resolves it to 127.0.0.1 from the
 * test's hosts file ({@code hosts_file}); dapp, which leaves the name to the proxy, resolves it only where
 * {@code NO_PROXY} sends it around the proxy, and that run is a process of its own whose JVM reads the same hosts
 * file ({@code -Djdk.net.hosts.file}). No file under {@code /etc} changes.
 */
class CompanyProxyEndToEndTest {

  private static final String NAME = "registry.dapp.test";
  private static final String PROXY_USER = "proxy-user-7d1c";
  private static final String PROXY_PASSWORD = "proxy-pass-40e9b2";

  static final TestPki PKI = TestPki.create("company CA");
  static final TokenService TOKENS = TokenService.create().withTls(PKI.server(NAME), NAME);

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS).named(NAME)
      .withTls(PKI.server(NAME)).requiringClientCertificates(PKI);

  @TempDir
  static Path shared;
  @TempDir
  static Path squidDirectory;

  private static Squid squid;
  private static Path hosts;
  private static Path certDir;
  private static Path project;
  private static Path store;

  @TempDir
  Path run;

  private final Map<String, String> environment = new java.util.HashMap<>();

  @BeforeAll
  static void startTheProxy_andBuildAnImage() throws Exception {
    hosts = shared.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 " + NAME + "\n");
    squid = Squid.start(squidDirectory, hosts, PROXY_USER, PROXY_PASSWORD);
    certDir = shared.resolve("certs.d");
    Path registryFiles = certDir.resolve(REGISTRY.host().name());
    TestPki.write(registryFiles.resolve("ca.crt"), PKI.ca().certificatePem());
    TestPki.writeClient(registryFiles, "runner", PKI.client("gitlab-runner"), TestPki.KeyForm.SEC1_AFTER_EC_PARAMETERS);
    project = TestProject.at(shared.resolve("project")).dappfile("from: scratch\ngit:\n- add: /src\n  to: /app\n")
        .file("src/app.txt", "behind the company's proxy\n").directory();
    store = shared.resolve("store");
    InProcessDapp.Result build = WholeDappComponent.run(Map.of("HOME", shared.toString()),
        "dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(build.exitCode()).as(build.all()).isZero();
  }

  @AfterAll
  static void stopTheProxy() throws Exception {
    squid.close();
  }

  @BeforeEach
  void aGitLabJob() throws Exception {
    environment.put("HOME", Files.createDirectories(run.resolve("home")).toString());
    environment.put("TMPDIR", Files.createDirectories(run.resolve("tmp")).toString());
    environment.put("CI_REGISTRY", REGISTRY.host().name());
    environment.put("CI_JOB_TOKEN", TokenService.JOB_PASSWORD);
    environment.put("HTTPS_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@127.0.0.1:" + squid.port());
  }

  private InProcessDapp.Result push(String tag, Path certificates) {
    return WholeDappComponent.run(environment, "dimg", "push", "--dir", project.toString(), "--store", store.toString(),
        "--tag-plain", tag, "--cert-dir", certificates.toString(), "--debug", REGISTRY.host() + "/app");
  }

  @Test
  void pushAndPull_goThroughTheProxy_inTunnels_toTheRegistryAndItsTokenService() throws Exception {
    InProcessDapp.Result push = push("1", certDir);

    assertThat(push.exitCode()).as(push.all()).isZero();
    assertThat(push.err())
        .contains("dapp: debug: connection to " + REGISTRY.host() + ": https through the proxy http://127.0.0.1:"
            + squid.port() + " ($HTTPS_PROXY)")
        .contains("dapp: debug: TLS with " + REGISTRY.host() + ": the JVM's roots + "
            + certDir.resolve(REGISTRY.host().name()).resolve("ca.crt") + "; client certificate "
            + certDir.resolve(REGISTRY.host().name()).resolve("runner.cert"));
    Set<String> tunnels = awaitTunnels(2);
    assertThat(tunnels).as("the registry and its token service, each through a tunnel").hasSize(2)
        .contains(REGISTRY.host().name());
    // Only tunnels: the proxy never saw a request of the registry's API, nor its Authorization.
    assertThat(squid.accessLog()).doesNotContain("/v2/").doesNotContain("/jwt/auth")
        .contains(" " + PROXY_USER + " ");

    Path based = TestProject.at(run.resolve("based")).dappfile("from: " + REGISTRY.host() + "/app:1\n").directory();
    long before = connects();
    InProcessDapp.Result pull = WholeDappComponent.run(environment, "dimg", "build", "--dir", based.toString(),
        "--store", run.resolve("store").toString(), "--cert-dir", certDir.toString());

    assertThat(pull.exitCode()).as(pull.all()).isZero();
    awaitConnects(before + 1);
    for (InProcessDapp.Result result : new InProcessDapp.Result[] {push, pull}) {
      assertThat(result.all()).doesNotContain(PROXY_PASSWORD).doesNotContain(PROXY_USER)
          .doesNotContain(TokenService.JOB_PASSWORD);
    }
  }

  @Test
  void noProxy_sendsTheRegistryAroundTheProxy() throws Exception {
    long before = connects();

    // dapp resolves the name itself now: a process of its own, with the test's hosts file.
    ChildDapp dapp = new ChildDapp(Path.of(environment.get("HOME")), Path.of(environment.get("TMPDIR")), hosts,
        Files.createDirectories(run.resolve("logs")));
    environment.forEach((name, value) -> dapp.env(name, value));
    InProcessDapp.Result push = dapp.env("NO_PROXY", ".dapp.test").run("dimg", "push", "--dir", project.toString(),
        "--store", store.toString(), "--tag-plain", "direct", "--cert-dir", certDir.toString(), "--debug",
        REGISTRY.host() + "/app");

    assertThat(push.exitCode()).as(push.all()).isZero();
    assertThat(push.err()).contains("dapp: debug: connection to " + REGISTRY.host()
        + ": https direct: $NO_PROXY entry '.dapp.test' matches");
    Thread.sleep(300);
    assertThat(connects()).isEqualTo(before);
  }

  @Test
  void withoutItsClientCertificate_theRegistrySaysItWantsOne_inOneLine() throws Exception {
    Path caOnly = run.resolve("ca-only");
    TestPki.write(caOnly.resolve(REGISTRY.host().name()).resolve("ca.crt"), PKI.ca().certificatePem());

    InProcessDapp.Result push = push("refused", caOnly);

    assertThat(push.exitCode()).isEqualTo(1);
    String error = errorLine(push);
    assertThat(error).startsWith("dapp: error: reach registry " + REGISTRY.host() + ": TLS failed: "
        + REGISTRY.host() + " asks for a client certificate (")
        .endsWith("); put one as NAME.cert with its key NAME.key in " + caOnly.resolve(REGISTRY.host().name()) + "/");
  }

  @Test
  void aProxyThatRefusesTheCredentials_failsInOneLine_namingItWithoutThem() throws Exception {
    String wrong = "wrong-proxy-pass-51aa";
    environment.put("HTTPS_PROXY", "http://" + PROXY_USER + ":" + wrong + "@127.0.0.1:" + squid.port());

    InProcessDapp.Result push = push("refused", certDir);

    assertThat(push.exitCode()).isEqualTo(1);
    assertThat(errorLine(push)).isEqualTo("dapp: error: reach registry " + REGISTRY.host() + ": the proxy http://127.0.0.1:"
        + squid.port() + " ($HTTPS_PROXY) refused to open a tunnel to " + REGISTRY.host() + ": 407 Proxy "
        + "Authentication Required (the user and password in $HTTPS_PROXY were not accepted, or none were given)");
    assertThat(push.all()).doesNotContain(wrong).doesNotContain(PROXY_USER);
  }

  /** The one line of dapp's error (a --debug run prints its stack trace after it). */
  private static String errorLine(InProcessDapp.Result result) {
    String line = result.err().lines().filter(l -> l.startsWith("dapp: error: ")).findFirst().orElseThrow(
        () -> new AssertionError("no error line in " + result.err()));
    HostileInput.assertOneLine(line);
    return line;
  }

  private static long connects() throws Exception {
    return squid.accessLog().lines().filter(line -> line.contains(" CONNECT ")).count();
  }

  /** Squid writes a tunnel's line when the tunnel closes: after dapp ended, a moment later at most. */
  private static void awaitConnects(long count) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (connects() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(connects()).as(squid.accessLog()).isGreaterThanOrEqualTo(count);
  }

  /** The distinct HOST:PORT squid opened tunnels to, once at least {@code count} are in its log. */
  private static Set<String> awaitTunnels(int count) throws Exception {
    Pattern connect = Pattern.compile(" CONNECT (\\S+) ");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    Set<String> tunnels = Set.of();
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = connect.matcher(squid.accessLog());
      tunnels = matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());
      if (tunnels.size() >= count) {
        break;
      }
      Thread.sleep(50);
    }
    return tunnels;
  }
}
