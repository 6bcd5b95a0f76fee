package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.error.NotAvailableYetException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.login.PasswordSource;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.DappCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryCommandLineTest {

  private final CommandLineHarness dapp = new CommandLineHarness();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dimg build                                   | DIMG_BUILD",
      "dimg push r.io/web/backend                   | DIMG_PUSH",
      "dimg spush r.io/web/backend                  | DIMG_SPUSH",
      "dimg bp r.io/web/backend                     | DIMG_BP",
      "dimg stages push r.io/web/backend            | DIMG_STAGES_PUSH",
      "dimg stages pull r.io/web/backend --all      | DIMG_STAGES_PULL",
      "dimg cleanup repo r.io/web/backend           | DIMG_CLEANUP_REPO",
      "dimg flush repo r.io/web/backend             | DIMG_FLUSH_REPO",
      "dimg stages cleanup repo r.io/web/backend    | DIMG_STAGES_CLEANUP_REPO",
      "dimg stages flush repo r.io/web/backend      | DIMG_STAGES_FLUSH_REPO",
      "kube deploy r.io/web/backend                 | KUBE_DEPLOY",
      "kube values r.io/web/backend                 | KUBE_VALUES"})
  void everyRegistryCommand_parsesIntoItsInvocation(String commandLine, DappCommand expected) {
    int exit = dapp.run(commandLine.split(" "));

    assertThat(exit).isZero();
    CommandInvocation invocation = dapp.invocations.get(0);
    assertThat(invocation.command()).isEqualTo(expected);
    if (expected.takesRepository()) {
      assertThat(invocation.repository().orElseThrow().host()).isEqualTo(new RegistryHost("r.io"));
    }
  }

  @Test
  void push_takesDimgsBeforeTheRepository() {
    dapp.run("dimg", "push", "backend", "frontend", "registry.myhost.com/web/app", "--dir", "/tmp/project");

    CommandInvocation invocation = dapp.invocations.get(0);
    assertThat(invocation.dimgs()).containsExactly("backend", "frontend");
    assertThat(invocation.repository().orElseThrow().toString()).isEqualTo("registry.myhost.com/web/app");
    assertThat(invocation.projectDirectory()).isEqualTo(Path.of("/tmp/project"));
  }

  @Test
  void passwordFromStdin_isReadTrimmedOfTheLineEndAndPassedAsASecret() {
    dapp.stdin("s3cret-from-stdin\n").run("dimg", "push", "r.io/a", "--registry-username", "me",
        "--registry-password-stdin");

    assertThat(dapp.invocations.get(0).loginOptions().passwordSource()).contains(PasswordSource.STDIN);
    assertThat(dapp.passwords.get(0).orElseThrow().reveal()).isEqualTo("s3cret-from-stdin");
  }

  @Test
  void emptyStdin_isAUsageError() {
    int exit = dapp.stdin("\n").run("dimg", "push", "r.io/a", "--registry-username", "me", "--registry-password-stdin");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("standard input is empty");
  }

  @Test
  void passwordOption_warnsThatItIsVisibleInTheProcessList() {
    int exit = dapp.run("dimg", "push", "r.io/a", "--registry-username", "me", "--registry-password", "pw-visible");

    assertThat(exit).isZero();
    assertThat(dapp.err).contains("prefer --registry-password-stdin").doesNotContain("pw-visible");
    assertThat(dapp.passwords.get(0).orElseThrow().reveal()).isEqualTo("pw-visible");
  }

  @Test
  void passwordOptionAndStdinTogether_isAUsageError() {
    int exit = dapp.run("dimg", "push", "r.io/a", "--registry-username", "me", "--registry-password", "x",
        "--registry-password-stdin");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("mutually exclusive");
    assertThat(dapp.invocations).isEmpty();
  }

  @Test
  void invalidRepository_isAOneLineUsageError() {
    int exit = dapp.run("dimg", "push", "Registry.io/UPPER");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err.lines()).hasSize(1).first().asString().startsWith("dapp: error: invalid image reference");
  }

  @Test
  void repositoryWithTag_isRejected() {
    int exit = dapp.run("kube", "values", "r.io/web/backend:v1");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("a repository has no tag or digest");
  }

  @Test
  void spush_takesAtMostOneDimg() {
    int exit = dapp.run("dimg", "spush", "a", "b", "r.io/x");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.invocations).isEmpty();
  }

  @Test
  void failedOperation_exitsOneWithOneLine() {
    dapp.behave((invocation, password, console) -> {
      throw new OperationFailedException("registry r.io refused the push");
    });

    int exit = dapp.run("dimg", "push", "r.io/a");

    assertThat(exit).isEqualTo(1);
    assertThat(dapp.err).isEqualTo("dapp: error: registry r.io refused the push" + System.lineSeparator());
  }

  @Test
  void aMessageQuotingHostileText_isPrintedAsOneLine_withItsControlCharactersEscaped() {
    dapp.behave((invocation, password, console) -> {
      throw new OperationFailedException("the registry said: first\nsecond\r\u001b[31mred");
    });

    int exit = dapp.run("dimg", "push", "r.io/a");

    assertThat(exit).isEqualTo(1);
    assertThat(dapp.err).isEqualTo("dapp: error: the registry said: first\\nsecond\\r\\u001b[31mred"
        + System.lineSeparator());
  }

  @Test
  void workNotAvailableYet_isAFailureNeverASuccess() {
    dapp.behave((invocation, password, console) -> {
      throw new NotAvailableYetException("dapp dimg push: the push work");
    });

    int exit = dapp.run("dimg", "push", "r.io/a");

    assertThat(exit).isEqualTo(1);
    assertThat(dapp.err).contains("is not available yet");
  }

  @Test
  void inputError_exitsTwo() {
    dapp.behave((invocation, password, console) -> {
      throw new InvalidReferenceException("invalid digest 'x'");
    });

    assertThat(dapp.run("dimg", "push", "r.io/a")).isEqualTo(2);
  }

  @Test
  void unexpectedException_isOneLineWithoutDebug_andATraceWithDebug() {
    dapp.behave((invocation, password, console) -> {
      throw new IllegalStateException("boom");
    });

    assertThat(dapp.run("dimg", "push", "r.io/a")).isEqualTo(1);
    assertThat(dapp.err.lines()).hasSize(1);
    assertThat(dapp.run("dimg", "push", "r.io/a", "--debug")).isEqualTo(1);
    assertThat(dapp.err).contains("at io.dapp");
  }

  @Test
  void mistypedPasswordOption_doesNotEchoItsValue() {
    int exit = dapp.run("dimg", "push", "r.io/a", "--registry-pasword=hunter2-typo");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).doesNotContain("hunter2-typo").contains("<redacted>");
  }

  @Test
  void mistypedPasswordOption_doesNotEchoTheNextWordEither() {
    int exit = dapp.run("dimg", "push", "r.io/a", "--registry-pasword", "hunter2-next-word");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).doesNotContain("hunter2-next-word").contains("unknown option --registry-pasword");
  }

  @Test
  void groupWithoutSubcommand_isAUsageErrorListingThem() {
    int exit = dapp.run("dimg", "stages");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("missing subcommand").contains("push").contains("pull");
  }

  @Test
  void debugOutput_goesToStderrOnlyWithDebug() {
    dapp.behave((invocation, password, console) -> console.debug("explaining"));

    dapp.run("dimg", "push", "r.io/a");
    assertThat(dapp.err).doesNotContain("explaining");
    dapp.run("dimg", "push", "r.io/a", "--debug");
    assertThat(dapp.err).contains("dapp: debug: explaining");
  }

  @Test
  void debug_printsWhatTheLauncherSaid_first_andOnlyWithDebug() {
    dapp.launchedWith("java /jdk/bin/java (JAVA_HOME, 25.0.3), AOT cache /app/target/dapp.aot")
        .behave((invocation, password, console) -> console.debug("explaining"));

    dapp.run("dimg", "push", "r.io/a");
    assertThat(dapp.err).doesNotContain("launcher");
    dapp.run("dimg", "push", "r.io/a", "--debug");
    assertThat(dapp.err).startsWith("dapp: debug: launcher: java /jdk/bin/java (JAVA_HOME, 25.0.3), AOT cache "
        + "/app/target/dapp.aot\ndapp: debug: explaining");
    dapp.run("dimg", "stages", "flush", "local", "--debug");
    assertThat(dapp.err).startsWith("dapp: debug: launcher: java /jdk/bin/java");
  }

  @Test
  void debug_withoutTheLauncher_saysNothingAboutIt() {
    dapp.behave((invocation, password, console) -> console.debug("explaining"));

    dapp.run("dimg", "push", "r.io/a", "--debug");

    assertThat(dapp.err).doesNotContain("launcher").contains("dapp: debug: explaining");
  }

  @Test
  void versionAndHelp_work() {
    assertThat(dapp.run("--version")).isZero();
    assertThat(dapp.out).startsWith("dapp ");
    assertThat(dapp.run("dimg", "push", "--help")).isZero();
    assertThat(dapp.out).contains("--registry-password-stdin").contains("[DIMG...] REPO");
  }

  @Test
  void loginOptionsWithoutPassword_reachTheUseCaseUnchanged() {
    dapp.run("dimg", "push", "r.io/a", "--registry-username", "me");

    assertThat(dapp.invocations.get(0).loginOptions().username()).contains("me");
    assertThat(dapp.invocations.get(0).loginOptions().passwordSource()).isEqualTo(Optional.empty());
    assertThat(dapp.passwords).containsExactly(Optional.empty());
    assertThat(List.of(dapp.err)).isNotNull();
  }

  @Test
  void insecureRegistriesAndPlatform_reachTheRegistryOptions() {
    int exit = dapp.run("dimg", "stages", "pull", "r.io/a", "--insecure-registry", "r.io,mirror.local:5000",
        "--insecure-registry", "other.io", "--platform", "linux/arm64/v8");

    assertThat(exit).as(dapp.err).isZero();
    var options = dapp.invocations.get(0).registryOptions();
    assertThat(options.insecureRegistries()).containsExactlyInAnyOrder(
        new RegistryHost("r.io"), new RegistryHost("mirror.local:5000"), new RegistryHost("other.io"));
    assertThat(options.defaultPlatform().toString()).isEqualTo("linux/arm64/v8");
  }

  @Test
  void defaultPlatform_isLinuxAmd64() {
    dapp.run("dimg", "stages", "pull", "r.io/a");

    assertThat(dapp.invocations.get(0).registryOptions().defaultPlatform().toString()).isEqualTo("linux/amd64");
    assertThat(dapp.invocations.get(0).registryOptions().insecureRegistries()).isEmpty();
  }

  @Test
  void malformedPlatformOrInsecureRegistry_isAUsageError() {
    assertThat(dapp.run("dimg", "push", "r.io/a", "--platform", "linux")).isEqualTo(2);
    assertThat(dapp.err.lines()).hasSize(1);
    assertThat(dapp.run("dimg", "push", "r.io/a", "--insecure-registry", "not a host")).isEqualTo(2);
    assertThat(dapp.err).contains("invalid registry address");
    assertThat(dapp.invocations).isEmpty();
  }
}
