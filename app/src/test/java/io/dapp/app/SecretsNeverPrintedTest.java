package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.ClosedPort;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.TokenService;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
import io.dapp.domain.usecase.WorkResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, on its success and failure paths, with {@code --debug}, with distinctive secrets in
 * options, stdin, environment and config files: none of them, nor their base64 forms, may be printed.
 * The real work does the same against a real registry with GitLab-style token auth: neither the passwords
 * nor the bearer tokens the token service issued reach stdout, stderr, exception messages (printed with
 * their stack traces by {@code --debug}) or any file dapp leaves behind.
 */
class SecretsNeverPrintedTest {

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS);

  private static final String WRONG_PASSWORD = "wrong-pass-4c1d9a";

  private static final String OPTION_PASSWORD = "opt-pass-7f3a91";
  private static final String STDIN_PASSWORD = "stdin-pass-2b8c44";
  private static final String JOB_TOKEN = "job-token-9d1e07";
  private static final String CLEANUP_PASSWORD = "cleanup-pass-5a6b3c";
  private static final String CONFIG_PASSWORD = "config-pass-0c4d2e";
  private static final String IDENTITY_TOKEN = "identity-token-8e9f10";
  private static final String PROXY_USER = "proxy-user-3f5a";
  private static final String PROXY_PASSWORD = "proxy-pass-61c7d0";
  private static final String AUTH_CONFIG_PASSWORD = "auth-config-pass-9a0b";
  private static final List<String> SECRETS = List.of(
      OPTION_PASSWORD, STDIN_PASSWORD, JOB_TOKEN, CLEANUP_PASSWORD, CONFIG_PASSWORD, IDENTITY_TOKEN, PROXY_PASSWORD,
      PROXY_USER, AUTH_CONFIG_PASSWORD);

  @TempDir
  static Path root;

  static Stream<Arguments> everyCommandWithEveryLoginSource() {
    List<Arguments> cases = new ArrayList<>();
    for (DappCommand command : DappCommand.values()) {
      // The local commands take no credentials: they have no registry options to give them.
      List<String> sources = command.isLocal() ? List.of("environment", "config")
          : List.of("options", "stdin", "environment", "config", "docker-auth-config");
      for (String source : sources) {
        for (boolean failing : List.of(false, true)) {
          cases.add(Arguments.of(command, source, failing));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1} credentials, failing={2}")
  @MethodSource("everyCommandWithEveryLoginSource")
  void noSecretReachesStdoutOrStderr(DappCommand command, String source, boolean failing) throws Exception {
    Path project = Files.createTempDirectory(root, "project");
    Files.writeString(project.resolve("dappfile.yaml"), "from: registry.myhost.com/base/image:1\n");
    Path config = Files.createTempDirectory(root, "config");
    Files.writeString(config.resolve("config.json"), "{\"auths\":{"
        + "\"registry.myhost.com\":{\"auth\":\"" + base64("user:" + CONFIG_PASSWORD) + "\"},"
        + "\"other.example.com\":{\"identitytoken\":\"" + IDENTITY_TOKEN + "\"}}}");
    Map<String, String> environment = new HashMap<>();
    environment.put("HOME", root.toString());
    environment.put("TMPDIR", Files.createTempDirectory(root, "tmp").toString());
    environment.put("CI_JOB_TOKEN", JOB_TOKEN);
    environment.put("CI_REGISTRY", "registry.myhost.com");
    environment.put("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", CLEANUP_PASSWORD);
    // Every command runs behind a proxy whose URL holds a user and password, and with GitLab's DOCKER_AUTH_CONFIG.
    environment.put("HTTPS_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@proxy.corp:3128");
    environment.put("http_proxy", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@proxy.corp:3128");
    environment.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"registry.myhost.com\":{\"auth\":\""
        + base64("ci:" + AUTH_CONFIG_PASSWORD) + "\"}}}");
    List<String> args = new ArrayList<>(List.of(command.displayName().split(" ")));
    if (command.takesRepository()) {
      args.add("registry.myhost.com/web/backend");
    }
    args.addAll(List.of("--debug", "--dir", project.toString()));
    switch (source) {
      case "options" -> args.addAll(List.of("--registry-username", "u", "--registry-password", OPTION_PASSWORD));
      case "stdin" -> args.addAll(List.of("--registry-username", "u", "--registry-password-stdin"));
      case "config" -> environment.put("DAPP_DOCKER_CONFIG", config.toString());
      case "docker-auth-config" -> {
        // No rule before the default config's applies: DOCKER_AUTH_CONFIG is read.
        environment.remove("CI_JOB_TOKEN");
        environment.remove("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD");
      }
      default -> { }
    }
    InProcessDapp dapp = new InProcessDapp(environment, failing ? new RegistryWorks(Map.of()) : revealingWorks())
        .stdin(STDIN_PASSWORD + "\n");

    InProcessDapp.Result result = dapp.run(args.toArray(String[]::new));
    List<String> explainArgs = new ArrayList<>(List.of("registry", "login-plan", "--json"));
    explainArgs.addAll(args);
    InProcessDapp.Result plan = dapp.run(explainArgs.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(failing ? 1 : 0);
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    for (String output : List.of(result.all(), plan.all())) {
      for (String secret : SECRETS) {
        assertThat(output).doesNotContain(secret).doesNotContain(base64(secret))
            .doesNotContain(base64("u:" + secret)).doesNotContain(base64("user:" + secret))
            .doesNotContain(base64("gitlab-ci-token:" + secret))
            .doesNotContain(base64("dapp-cleanup-repo:" + secret))
            .doesNotContain(base64("ci:" + secret))
            .doesNotContain(base64(PROXY_USER + ":" + secret));
      }
    }
  }

  /**
   * A real push behind a proxy that cannot be reached, its URL holding credentials, with --debug: the error
   * names the proxy, and neither its user nor its password appears anywhere.
   */
  @Test
  void proxyCredentials_areNeverPrinted_evenWhenTheProxyFails() throws Exception {
    InProcessDapp.Result result;
    InProcessDapp.Result plan;
    int closed;
    try (ClosedPort nothingListens = new ClosedPort()) {
      closed = nothingListens.port();
      Map<String, String> environment = new HashMap<>();
      environment.put("HOME", Files.createTempDirectory(root, "home").toString());
      environment.put("TMPDIR", Files.createTempDirectory(root, "tmp").toString());
      environment.put("HTTPS_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@127.0.0.1:" + closed);
      environment.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"registry.dapp.test:5000\":{\"auth\":\""
          + base64("ci:" + AUTH_CONFIG_PASSWORD) + "\"}}}");

      result = WholeDappComponent.run(environment, "dimg", "push", "--tag-plain", "1", "--debug",
          "--dir", project.toString(), "--store", store.toString(), "registry.dapp.test:5000/web/app");
      plan = WholeDappComponent.run(environment, "registry", "login-plan", "--json", "dimg", "push",
          "--dir", project.toString(), "registry.dapp.test:5000/web/app");
    }

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("the proxy http://127.0.0.1:" + closed + " ($HTTPS_PROXY) could not be reached")
        .contains("\tat ");
    for (String output : List.of(result.all(), plan.all())) {
      for (String secret : List.of(PROXY_USER, PROXY_PASSWORD, AUTH_CONFIG_PASSWORD)) {
        assertThat(output).doesNotContain(secret).doesNotContain(base64(secret))
            .doesNotContain(base64(PROXY_USER + ":" + PROXY_PASSWORD)).doesNotContain(base64("ci:" + secret));
      }
    }
  }

  private static Path store;
  private static Path project;

  @BeforeAll
  static void buildAnImageAndABase() throws Exception {
    project = Files.createDirectories(root.resolve("real-project"));
    Files.writeString(project.resolve("dappfile.yaml"), "from: scratch\ngit:\n- add: /src\n  to: /app\n");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/app.rb"), "puts 1");
    store = root.resolve("real-store");
    InProcessDapp.Result build = WholeDappComponent.run(Map.of("HOME", root.toString()),
        "dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
  }

  static Stream<Arguments> realWorkWithEveryLoginSource() {
    return Stream.of(
        Arguments.of("push", "options", 0), Arguments.of("push", "stdin", 0), Arguments.of("push", "environment", 0),
        Arguments.of("push", "config", 0), Arguments.of("push", "identity-token", 0),
        Arguments.of("push", "options-wrong", 1), Arguments.of("push", "stdin-wrong", 1),
        Arguments.of("push", "config-wrong", 1), Arguments.of("push", "environment-wrong", 1),
        Arguments.of("flush", "cleanup-password", 0), Arguments.of("flush", "environment", 1),
        Arguments.of("flush", "cleanup-password-wrong", 1), Arguments.of("build", "environment", 0),
        Arguments.of("push", "docker-auth-config", 0), Arguments.of("push", "docker-auth-config-wrong", 1));
  }

  @ParameterizedTest(name = "{0} with {1} credentials")
  @MethodSource("realWorkWithEveryLoginSource")
  void noSecretNorIssuedTokenReachesOutputOrFiles_inRealWork(String command, String source, int exit)
      throws Exception {
    Path run = Files.createTempDirectory(root, "run");
    Path config = Files.createDirectories(run.resolve("docker-config"));
    boolean wrong = source.endsWith("-wrong");
    String jobPassword = wrong ? WRONG_PASSWORD : TokenService.JOB_PASSWORD;
    String cleanupPassword = wrong ? WRONG_PASSWORD : TokenService.CLEANUP_PASSWORD;
    String host = REGISTRY.host().name();
    Files.writeString(config.resolve("config.json"), source.equals("identity-token")
        ? "{\"auths\":{\"" + host + "\":{\"auth\":\"" + base64("<token>:") + "\",\"identitytoken\":\""
            + TokenService.REFRESH_TOKEN + "\"}}}"
        : "{\"auths\":{\"" + host + "\":{\"auth\":\"" + base64(TokenService.JOB_USER + ":" + jobPassword) + "\"}}}");
    Map<String, String> environment = new HashMap<>();
    environment.put("HOME", Files.createDirectories(run.resolve("home")).toString());
    environment.put("TMPDIR", Files.createDirectories(run.resolve("tmp")).toString());
    environment.put("CI_REGISTRY", host);
    String repository = REGISTRY.newRepository().toString();
    List<String> args = new ArrayList<>(switch (command) {
      case "push" -> List.of("dimg", "push", "--tag-plain", "1", repository);
      case "flush" -> List.of("dimg", "flush", "repo", repository);
      default -> List.of("dimg", "build");
    });
    Path buildStore = command.equals("build") ? run.resolve("store") : store;
    Path buildProject = command.equals("build") ? baseProject(run, repository) : project;
    args.addAll(List.of("--debug", "--dir", buildProject.toString()));
    if (!command.equals("flush")) {
      args.addAll(List.of("--store", buildStore.toString()));
    }
    String stdin = "";
    switch (source.replace("-wrong", "")) {
      case "options" -> args.addAll(List.of("--registry-username", TokenService.JOB_USER, "--registry-password",
          jobPassword));
      case "stdin" -> {
        args.addAll(List.of("--registry-username", TokenService.JOB_USER, "--registry-password-stdin"));
        stdin = jobPassword + "\n";
      }
      case "environment" -> environment.put("CI_JOB_TOKEN", jobPassword);
      case "cleanup-password" -> environment.put("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", cleanupPassword);
      case "docker-auth-config" -> environment.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"" + host + "\":{\"auth\":\""
          + base64(TokenService.JOB_USER + ":" + jobPassword) + "\"}}}");
      default -> environment.put("DAPP_DOCKER_CONFIG", config.toString());
    }
    if (command.equals("flush")) {
      pushAsTheCleanupUser(repository);
    }
    int tokensBefore = TOKENS.issuedTokens().size();

    InProcessDapp.Result result = WholeDappComponent.runWithStdin(environment, stdin, args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(exit);
    List<String> issued = TOKENS.issuedTokens();
    if (exit == 0) {
      assertThat(issued.size()).as("tokens issued to this run").isGreaterThan(tokensBefore);
    } else {
      assertThat(result.err()).contains("dapp: error: ", "\tat ");
    }
    List<String> secrets = new ArrayList<>(List.of(TokenService.JOB_PASSWORD, TokenService.CLEANUP_PASSWORD,
        TokenService.REFRESH_TOKEN, WRONG_PASSWORD));
    secrets.addAll(issued);
    for (String secret : secrets) {
      assertThat(result.all()).doesNotContain(secret).doesNotContain(base64(secret))
          .doesNotContain(base64(TokenService.JOB_USER + ":" + secret))
          .doesNotContain(base64(TokenService.CLEANUP_USER + ":" + secret));
    }
    // No file dapp wrote (temporary configs, the store, anything under HOME or TMPDIR) holds a secret.
    for (Path file : filesUnder(run, config)) {
      String content = Files.readString(file, StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(content).as(file.toString()).doesNotContain(secret).doesNotContain(base64(secret));
      }
    }
  }

  private static List<Path> filesUnder(Path directory, Path except) throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(directory)) {
      all.filter(Files::isRegularFile).filter(file -> !file.startsWith(except)).forEach(files::add);
    }
    try (Stream<Path> all = Files.walk(store)) {
      all.filter(Files::isRegularFile).forEach(files::add);
    }
    return files;
  }

  /** A project whose base image is in the registry, where only the job token may read it. */
  private static Path baseProject(Path run, String repository) throws Exception {
    pushAsTheCleanupUser(repository);
    Path based = Files.createDirectories(run.resolve("based"));
    Files.writeString(based.resolve("dappfile.yaml"), "from: " + repository + ":1\n");
    return based;
  }

  private static void pushAsTheCleanupUser(String repository) throws Exception {
    Map<String, String> environment = Map.of("HOME", root.toString(),
        "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", TokenService.CLEANUP_PASSWORD);
    InProcessDapp.Result push = WholeDappComponent.run(environment, "dimg", "push", "--tag-plain", "1",
        "--dir", project.toString(), "--store", store.toString(), repository, "--registry-username",
        TokenService.CLEANUP_USER, "--registry-password", TokenService.CLEANUP_PASSWORD);
    assertThat(push.exitCode()).as(push.all()).isZero();
  }

  /** Work that prints everything it is given, as a careless debug line would. */
  private static RegistryWorks revealingWorks() {
    RegistryWork work = (invocation, phase, session, console) -> {
      console.debug("invocation " + invocation);
      console.debug("plan " + session.plan());
      console.debug("auth " + session.dockerConfig().authFor(new RegistryHost("registry.myhost.com")));
      console.debug("auth " + session.dockerConfig().authFor(new RegistryHost("other.example.com")));
      console.info("config " + session.dockerConfig());
      return WorkResult.DONE;
    };
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    for (DappCommand command : DappCommand.values()) {
      works.put(command, work);
    }
    return new RegistryWorks(works);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
