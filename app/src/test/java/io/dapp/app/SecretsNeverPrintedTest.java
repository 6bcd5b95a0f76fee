package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, on its success and failure paths, with {@code --debug}, with distinctive secrets in
 * options, stdin, environment and config files: none of them, nor their base64 forms, may be printed.
 */
class SecretsNeverPrintedTest {

  private static final String OPTION_PASSWORD = "opt-pass-7f3a91";
  private static final String STDIN_PASSWORD = "stdin-pass-2b8c44";
  private static final String JOB_TOKEN = "job-token-9d1e07";
  private static final String CLEANUP_PASSWORD = "cleanup-pass-5a6b3c";
  private static final String CONFIG_PASSWORD = "config-pass-0c4d2e";
  private static final String IDENTITY_TOKEN = "identity-token-8e9f10";
  private static final List<String> SECRETS = List.of(
      OPTION_PASSWORD, STDIN_PASSWORD, JOB_TOKEN, CLEANUP_PASSWORD, CONFIG_PASSWORD, IDENTITY_TOKEN);

  @TempDir
  static Path root;

  static Stream<Arguments> everyCommandWithEveryLoginSource() {
    List<Arguments> cases = new ArrayList<>();
    for (DappCommand command : DappCommand.values()) {
      // The local commands take no credentials: they have no registry options to give them.
      List<String> sources = command.isLocal() ? List.of("environment", "config")
          : List.of("options", "stdin", "environment", "config");
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
    List<String> args = new ArrayList<>(List.of(command.displayName().split(" ")));
    if (command.takesRepository()) {
      args.add("registry.myhost.com/web/backend");
    }
    args.addAll(List.of("--debug", "--dir", project.toString()));
    switch (source) {
      case "options" -> args.addAll(List.of("--registry-username", "u", "--registry-password", OPTION_PASSWORD));
      case "stdin" -> args.addAll(List.of("--registry-username", "u", "--registry-password-stdin"));
      case "config" -> environment.put("DAPP_DOCKER_CONFIG", config.toString());
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
            .doesNotContain(base64("dapp-cleanup-repo:" + secret));
      }
    }
  }

  /** Work that prints everything it is given, as a careless debug line would. */
  private static RegistryWorks revealingWorks() {
    RegistryWork work = (invocation, phase, session, console) -> {
      console.debug("invocation " + invocation);
      console.debug("plan " + session.plan());
      console.debug("auth " + session.dockerConfig().authFor(new RegistryHost("registry.myhost.com")));
      console.debug("auth " + session.dockerConfig().authFor(new RegistryHost("other.example.com")));
      console.info("config " + session.dockerConfig());
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
