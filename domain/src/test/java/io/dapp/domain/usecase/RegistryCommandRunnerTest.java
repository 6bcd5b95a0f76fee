package io.dapp.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.NotAvailableYetException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.login.PasswordSource;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.registry.InMemoryRegistryClientFactory;
import io.dapp.domain.registry.LoginRejectedException;
import io.dapp.domain.testing.InMemoryDockerConfigStore;
import io.dapp.domain.port.Dappfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryCommandRunnerTest {

  private static final RegistryHost MYHOST = new RegistryHost("registry.myhost.com");
  private static final Repository REPO = new Repository(MYHOST, "web/backend");

  private final InMemoryDockerConfigStore store = new InMemoryDockerConfigStore();
  private final InMemoryRegistryClientFactory registries = new InMemoryRegistryClientFactory();
  private final Map<String, String> environment = new HashMap<>();
  private final List<ImageReference> baseImages = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> phasesWorked = new ArrayList<>();
  private final Console console = new Console() {
    @Override
    public void info(String line) {}

    @Override
    public void warn(String line) {
      warnings.add(line);
    }

    @Override
    public void debug(String line) {}
  };

  private RegistryCommandRunner runner(Map<DappCommand, RegistryWork> works) {
    LoginPlanner planner = new LoginPlanner(new LoginPolicy(),
        new LoginTargets(directory -> dappfileFrom(baseImages)), () -> environment);
    return new RegistryCommandRunner(planner, new LoginSessions(store, () -> environment, registries), store,
        new RegistryWorks(works), () -> environment, registries);
  }

  /** A dappfile with one dimg per base image. */
  private static io.dapp.domain.dappfile.Dappfile dappfileFrom(List<ImageReference> images) {
    List<io.dapp.domain.dappfile.Dimg> dimgs = new java.util.ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      dimgs.add(new io.dapp.domain.dappfile.Dimg(Optional.of("d" + i),
          io.dapp.domain.dappfile.BaseImage.of(images.get(i), images.get(i).toString()), List.of(),
          io.dapp.domain.dappfile.DockerInstructions.NONE));
    }
    return new io.dapp.domain.dappfile.Dappfile("dappfile.yaml", dimgs, List.of());
  }

  private RegistryWork recording() {
    return (invocation, phase, session, console) -> {
      phasesWorked.add(phase.displayName());
      assertThat(store.liveTemporaries()).as("the login session is open during the work").hasSize(
          session.plan().procedure() instanceof io.dapp.domain.login.LoginProcedure.LoginByDapp ? 1 : 0);
      return WorkResult.DONE;
    };
  }

  private static CommandInvocation invocation(DappCommand command, LoginOptions options) {
    return new CommandInvocation(command, command.takesRepository() ? Optional.of(REPO) : Optional.empty(),
        List.of(), Path.of("/project"), options);
  }

  private void gitlab() {
    environment.put("CI_JOB_TOKEN", "job-token");
    environment.put("CI_REGISTRY", "registry.myhost.com");
  }

  @Test
  void givenAutologin_push_worksInATemporaryConfigWithTheJobToken_thenRemovesIt() throws Exception {
    gitlab();

    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE),
        Optional.empty(), console);

    assertThat(phasesWorked).containsExactly("push");
    assertThat(store.temporaries()).singleElement().satisfies(temporary -> {
      assertThat(temporary.logins()).containsExactly(Map.entry(MYHOST,
          new Credentials("gitlab-ci-token", Secret.of("job-token"))));
      assertThat(temporary.isClosed()).isTrue();
    });
  }

  @Test
  void givenWorkThatFails_theTemporaryConfigIsStillRemoved() {
    gitlab();
    RegistryWork failing = (invocation, phase, session, console) -> {
      throw new OperationFailedException("registry refused");
    };

    assertThatThrownBy(() -> runner(Map.of(DappCommand.DIMG_PUSH, failing))
        .run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE), Optional.empty(), console))
        .hasMessage("registry refused");
    assertThat(store.temporaries()).singleElement().satisfies(t -> assertThat(t.isClosed()).isTrue());
  }

  @Test
  void commandWithoutWork_failsPlainlyAfterItsLogin() {
    gitlab();

    assertThatThrownBy(() -> runner(Map.of()).run(invocation(DappCommand.KUBE_VALUES, LoginOptions.NONE),
        Optional.empty(), console))
        .isInstanceOf(NotAvailableYetException.class)
        .hasMessageContaining("dapp kube values").hasMessageContaining("login by dapp");
    assertThat(store.temporaries()).singleElement().satisfies(t -> assertThat(t.isClosed()).isTrue());
  }

  @Test
  void commandLinePassword_isTheTemporaryConfigsPassword() throws Exception {
    LoginOptions options = new LoginOptions(Optional.of("me"), Optional.of(PasswordSource.STDIN));

    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, options),
        Optional.of(Secret.of("from-stdin")), console);

    assertThat(store.temporaries().get(0).logins().get(MYHOST)).isEqualTo(new Credentials("me", Secret.of("from-stdin")));
  }

  @Test
  void givenCleanupWithJobTokenOnly_theUserIsWarned() throws Exception {
    gitlab();

    runner(Map.of(DappCommand.DIMG_CLEANUP_REPO, recording()))
        .run(invocation(DappCommand.DIMG_CLEANUP_REPO, LoginOptions.NONE), Optional.empty(), console);

    assertThat(warnings).singleElement().asString().contains("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD");
  }

  @Test
  void givenCleanupPassword_cleanupLogsInAsDappCleanupRepo() throws Exception {
    gitlab();
    environment.put("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "cleanup-secret");

    runner(Map.of(DappCommand.DIMG_STAGES_FLUSH_REPO, recording()))
        .run(invocation(DappCommand.DIMG_STAGES_FLUSH_REPO, LoginOptions.NONE), Optional.empty(), console);

    assertThat(store.temporaries().get(0).logins().get(MYHOST))
        .isEqualTo(new Credentials("dapp-cleanup-repo", Secret.of("cleanup-secret")));
    assertThat(warnings).isEmpty();
  }

  @Test
  void givenExternalConfig_noTemporaryConfigIsWritten() throws Exception {
    gitlab();
    environment.put("DAPP_DOCKER_CONFIG", "/ci/docker");
    store.withExternal("/ci/docker", Map.of());

    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE),
        Optional.empty(), console);

    assertThat(store.temporaries()).isEmpty();
    assertThat(phasesWorked).containsExactly("push");
  }

  @Test
  void bp_logsInForEachPhaseSeparately() throws Exception {
    gitlab();
    baseImages.add(ImageReference.parse("registry.myhost.com/base:1"));
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    works.put(DappCommand.DIMG_BP, recording());

    runner(works).run(invocation(DappCommand.DIMG_BP, LoginOptions.NONE), Optional.empty(), console);

    assertThat(phasesWorked).containsExactly(CommandCategory.BUILD.displayName(), CommandCategory.PUSH.displayName());
    assertThat(store.temporaries()).hasSize(2).allSatisfy(t -> assertThat(t.isClosed()).isTrue());
  }

  @Test
  void abandonedConfigs_areSweptBeforeTheLogin() throws Exception {
    store.withAbandoned(2);

    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE),
        Optional.empty(), console);

    assertThat(store.sweeps()).isEqualTo(1);
  }

  @Test
  void givenTemporaryConfigCannotBeWritten_noWorkRuns() {
    gitlab();
    store.failingNextCreation("disk full");

    assertThatThrownBy(() -> runner(Map.of(DappCommand.DIMG_PUSH, recording()))
        .run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE), Optional.empty(), console))
        .hasMessageContaining("disk full");
    assertThat(phasesWorked).isEmpty();
  }

  @Test
  void loginByDapp_isVerifiedAgainstTheRegistryBeforeTheWork() throws Exception {
    gitlab();

    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE),
        Optional.empty(), console);

    assertThat(registries.verifications()).containsExactly("gitlab-ci-token@registry.myhost.com");
  }

  @Test
  void rejectedLogin_stopsTheCommand_andStillRemovesTheTemporaryConfig() {
    gitlab();
    registries.accepting(MYHOST, new Credentials("gitlab-ci-token", Secret.of("another-token")));

    assertThatThrownBy(() -> runner(Map.of(DappCommand.DIMG_PUSH, recording()))
        .run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE), Optional.empty(), console))
        .isInstanceOf(LoginRejectedException.class)
        .hasMessageStartingWith("login to registry.myhost.com as gitlab-ci-token failed");
    assertThat(phasesWorked).isEmpty();
    assertThat(store.temporaries()).singleElement().satisfies(t -> assertThat(t.isClosed()).isTrue());
  }

  @Test
  void externalAndDefaultConfigs_areNotVerified() throws Exception {
    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE),
        Optional.empty(), console);

    assertThat(registries.verifications()).isEmpty();
  }

  @Test
  void insecureRegistriesFromTheEnvironment_joinThoseOfTheCommandLine() throws Exception {
    environment.put("DAPP_INSECURE_REGISTRY", "registry.myhost.com, other.example.com:5000");
    List<CommandInvocation> seen = new ArrayList<>();

    runner(Map.of(DappCommand.DIMG_PUSH, (invocation, phase, session, console) -> {
      seen.add(invocation);
      return WorkResult.DONE;
    }))
        .run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE), Optional.empty(), console);

    assertThat(seen.get(0).registryOptions().insecureRegistries())
        .containsExactlyInAnyOrder(MYHOST, new RegistryHost("other.example.com:5000"));
  }

  @Test
  void aLocalCommand_worksWithoutAnyLogin_evenWhereEveryLoginIsOffered() throws Exception {
    gitlab();
    environment.put("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "cleanup-password");
    environment.put("DAPP_DOCKER_CONFIG", "/no/such/config");
    List<LoginSession> sessions = new ArrayList<>();
    RegistryWork work = (invocation, phase, session, console) -> {
      phasesWorked.add(phase.displayName());
      sessions.add(session);
      return WorkResult.DONE;
    };

    runner(Map.of(DappCommand.DIMG_STAGES_CLEANUP_LOCAL, work))
        .run(invocation(DappCommand.DIMG_STAGES_CLEANUP_LOCAL, LoginOptions.NONE), Optional.empty(), console);

    assertThat(phasesWorked).containsExactly("local");
    assertThat(store.temporaries()).isEmpty();
    assertThat(warnings).isEmpty();
    LoginSession session = sessions.get(0);
    assertThat(session.plan().procedure()).isEqualTo(new io.dapp.domain.login.LoginProcedure.NoLogin());
    assertThat(session.describeDockerConfig()).contains("talks to no registry");
    assertThat(session.dockerConfig().authFor(MYHOST)).isEmpty();
    assertThatThrownBy(() -> session.dockerConfig().directory()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void localCommands_takeNoRepository_andLogInForNoCategory() {
    for (DappCommand command : List.of(DappCommand.DIMG_FLUSH_LOCAL, DappCommand.DIMG_STAGES_CLEANUP_LOCAL,
        DappCommand.DIMG_STAGES_FLUSH_LOCAL)) {
      assertThat(command.isLocal()).isTrue();
      assertThat(command.takesRepository()).isFalse();
      assertThat(command.phases()).containsExactly(CommandCategory.LOCAL);
    }
    assertThat(DappCommand.DIMG_STAGES_CLEANUP_REPO.isLocal()).isFalse();
    assertThat(DappCommand.DIMG_BP.isLocal()).isFalse();
  }

  @Test
  void mirrors_areBuildTargetsBeforeDockerHub_loggedIntoByTheSameRules_andAFailedMirrorLoginOnlyWarns()
      throws Exception {
    baseImages.add(ImageReference.parse("alpine:3.19"));
    baseImages.add(ImageReference.parse("registry.myhost.com/base:1"));
    environment.put("DAPP_REGISTRY_MIRROR", "https://mirror.corp, http://10.0.0.5:5000");
    RegistryHost mirror = new RegistryHost("mirror.corp");
    registries.accepting(mirror, new Credentials("someone-else", Secret.of("x")));
    List<CommandInvocation> seen = new ArrayList<>();
    LoginOptions options = new LoginOptions(Optional.of("me"), Optional.of(PasswordSource.STDIN));

    runner(Map.of(DappCommand.DIMG_BUILD, (invocation, phase, session, console) -> {
      seen.add(invocation);
      return WorkResult.DONE;
    }))
        .run(invocation(DappCommand.DIMG_BUILD, options), Optional.of(Secret.of("pw")), console);

    assertThat(store.temporaries().get(0).logins().keySet()).containsExactlyInAnyOrder(mirror,
        new RegistryHost("10.0.0.5:5000"), RegistryHost.DOCKER_HUB, MYHOST);
    assertThat(registries.verifications()).containsExactly("me@mirror.corp", "me@10.0.0.5:5000", "me@docker.io",
        "me@registry.myhost.com");
    assertThat(warnings).singleElement().asString().startsWith("the login to the mirror mirror.corp as me could not "
        + "be verified (login to mirror.corp as me failed: incorrect username or password)");
    assertThat(seen.get(0).registryOptions().mirrors()).extracting(Object::toString)
        .containsExactly("https://mirror.corp", "http://10.0.0.5:5000");
    assertThat(seen.get(0).registryOptions().allowsPlainHttp(new RegistryHost("10.0.0.5:5000"))).isTrue();
    assertThat(seen.get(0).registryOptions().allowsPlainHttp(mirror)).isFalse();
  }

  @Test
  void aPush_neverLogsIntoAMirror() throws Exception {
    environment.put("DAPP_REGISTRY_MIRROR", "https://mirror.corp");
    LoginOptions options = new LoginOptions(Optional.of("me"), Optional.of(PasswordSource.STDIN));

    runner(Map.of(DappCommand.DIMG_PUSH, recording())).run(invocation(DappCommand.DIMG_PUSH, options),
        Optional.of(Secret.of("pw")), console);

    assertThat(registries.verifications()).containsExactly("me@registry.myhost.com");
  }

  @Test
  void aBadProxyVariable_stopsTheCommandBeforeAnyLogin_namingTheVariableOnly() {
    environment.put("https_proxy", "http://user:proxy-secret-1@proxy.corp:http");
    gitlab();

    assertThatThrownBy(() -> runner(Map.of(DappCommand.DIMG_PUSH, recording()))
        .run(invocation(DappCommand.DIMG_PUSH, LoginOptions.NONE), Optional.empty(), console))
        .isInstanceOf(io.dapp.domain.error.InvalidInputException.class)
        .hasMessage("$https_proxy: the proxy's port is not a number from 1 to 65535");
    assertThat(store.temporaries()).isEmpty();
    assertThat(phasesWorked).isEmpty();
  }

  @Test
  void debug_explainsProxiesConnectionsTlsFilesAndMirrors_withoutTheProxyPassword() throws Exception {
    baseImages.add(ImageReference.parse("alpine:3.19"));
    environment.put("DAPP_REGISTRY_MIRROR", "https://mirror.corp");
    environment.put("HTTPS_PROXY", "http://proxy-user-2:proxy-secret-2@proxy.corp:3128");
    environment.put("NO_PROXY", ".corp");
    environment.put("DAPP_CERT_DIR", "/certs");
    List<String> debug = new ArrayList<>();
    Console debugging = new Console() {
      @Override
      public void info(String line) {}

      @Override
      public void warn(String line) {}

      @Override
      public void debug(String line) {
        debug.add(line);
      }

      @Override
      public boolean debugging() {
        return true;
      }
    };

    runner(Map.of(DappCommand.DIMG_BUILD, (invocation, phase, session, console) -> WorkResult.DONE))
        .run(invocation(DappCommand.DIMG_BUILD, LoginOptions.NONE), Optional.empty(), debugging);

    assertThat(debug).contains(
        "proxies: https: http://proxy.corp:3128 ($HTTPS_PROXY); http: direct ($HTTP_PROXY is not set); "
            + "$NO_PROXY: '.corp'",
        "base images of docker.io: from the mirror(s) https://mirror.corp in order, then from docker.io",
        "connection to mirror.corp (a mirror of docker.io): https direct: $NO_PROXY entry '.corp' matches",
        "TLS with mirror.corp: the JVM's roots (no *.crt in /certs/mirror.corp, /certs/mirror.corp:443)",
        "connection to docker.io: https through the proxy http://proxy.corp:3128 ($HTTPS_PROXY)");
    assertThat(String.join("\n", debug)).doesNotContain("proxy-secret-2").doesNotContain("proxy-user-2");
  }
}
