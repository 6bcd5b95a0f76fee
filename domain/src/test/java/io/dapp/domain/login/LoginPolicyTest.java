package io.dapp.domain.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.RegistryHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginPolicyTest {

  private static final RegistryHost MYHOST = new RegistryHost("registry.myhost.com");
  private static final Map<String, String> GITLAB = Map.of(
      "CI_JOB_TOKEN", "job-token-value", "CI_REGISTRY", "registry.myhost.com");

  private final LoginPolicy policy = new LoginPolicy();

  private LoginPlan plan(CommandCategory category, List<RegistryHost> targets, LoginOptions options,
      Map<String, String> environment) throws Exception {
    return policy.plan(new LoginRequest(category, targets, options, LoginEnvironment.from(environment)));
  }

  private LoginPlan plan(CommandCategory category, RegistryHost target, Map<String, String> environment)
      throws Exception {
    return plan(category, List.of(target), LoginOptions.NONE, environment);
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> result = new HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      result.put(keyValues[i], keyValues[i + 1]);
    }
    return result;
  }

  private static LoginOptions options(String username, PasswordSource source) {
    return new LoginOptions(Optional.ofNullable(username), Optional.ofNullable(source));
  }

  /** The "Examples" section of dapp's authorization page, one test each. */
  @Nested
  class SeedExamples {

    @Test
    void pushWithoutLoginOptions_inGitlab_autologinsWithJobToken() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, GITLAB);

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "gitlab-ci-token", PasswordSource.CI_JOB_TOKEN));
      assertThat(plan.decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
    }

    @Test
    void pushWithUsernameAndPassword_logsInWithThem() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, List.of(MYHOST), options("myuser", PasswordSource.OPTION), GITLAB);

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "myuser", PasswordSource.OPTION));
    }

    @Test
    void pushWithAutologinIgnored_usesDefaultDockerConfig() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "DAPP_IGNORE_CI_DOCKER_AUTOLOGIN", "1"));

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
      assertThat(plan.reasons()).filteredOn(r -> r.rule() == LoginRule.AUTOLOGIN)
          .singleElement().satisfies(r -> assertThat(r.explanation()).contains("DAPP_IGNORE_CI_DOCKER_AUTOLOGIN=1"));
    }

    @Test
    void cleanupWithCleanupPassword_logsInAsDappCleanupRepo() throws Exception {
      LoginPlan plan = plan(CommandCategory.CLEANUP, MYHOST,
          with(GITLAB, "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "A3XewXjfldf"));

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "dapp-cleanup-repo", PasswordSource.CLEANUP_PASSWORD));
      assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void cleanupWithUsernameAndPassword_prefersThemOverTheCleanupPassword() throws Exception {
      LoginPlan plan = plan(CommandCategory.CLEANUP, List.of(MYHOST), options("myuser", PasswordSource.OPTION),
          with(GITLAB, "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "A3XewXjfldf"));

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "myuser", PasswordSource.OPTION));
    }

    @Test
    void pushWithExternalDockerConfig_performsNoLogin() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "DAPP_DOCKER_CONFIG", "./.docker"));

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.ExternalDockerConfig("./.docker"));
    }
  }

  @Nested
  class CommandLineCredentials {

    @Test
    void givenUsernameWithoutPassword_plan_isAUsageErrorNamingThePassword() {
      assertThatThrownBy(() -> plan(CommandCategory.PUSH, List.of(MYHOST), options("myuser", null), Map.of()))
          .isInstanceOf(IncompleteCredentialsException.class)
          .hasMessageContaining("--registry-username is given without a password");
    }

    @ParameterizedTest
    @EnumSource(value = PasswordSource.class, names = {"OPTION", "STDIN"})
    void givenPasswordWithoutUsername_plan_isAUsageErrorNamingTheUsername(PasswordSource source) {
      assertThatThrownBy(() -> plan(CommandCategory.PUSH, List.of(MYHOST), options(null, source), Map.of()))
          .isInstanceOf(IncompleteCredentialsException.class)
          .hasMessageContaining(source.label())
          .hasMessageContaining("add --registry-username");
    }

    @Test
    void passwordFromStdin_countsAsAPassword() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, List.of(MYHOST), options("myuser", PasswordSource.STDIN), Map.of());

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "myuser", PasswordSource.STDIN));
    }

    @Test
    void commandLineCredentials_winOverAnExternalDockerConfig() throws Exception {
      LoginPlan plan = plan(CommandCategory.DEPLOY, List.of(MYHOST), options("u", PasswordSource.OPTION),
          Map.of("DAPP_DOCKER_CONFIG", "/cfg"));

      assertThat(plan.decidingRule()).isEqualTo(LoginRule.COMMAND_LINE_CREDENTIALS);
    }

    @Test
    void emptyUsername_countsAsNotGiven() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, List.of(MYHOST), options("", null), Map.of());

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
    }
  }

  @Nested
  class CleanupPassword {

    @ParameterizedTest
    @EnumSource(value = CommandCategory.class, names = {"CLEANUP", "LOCAL"}, mode = EnumSource.Mode.EXCLUDE)
    void otherCategories_ignoreTheCleanupPassword(CommandCategory category) throws Exception {
      LoginPlan plan = plan(category, MYHOST, with(GITLAB, "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "secret"));

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "gitlab-ci-token", PasswordSource.CI_JOB_TOKEN));
    }

    @Test
    void cleanupPassword_winsOverAnExternalDockerConfig() throws Exception {
      LoginPlan plan = plan(CommandCategory.CLEANUP, MYHOST,
          Map.of("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "secret", "DAPP_DOCKER_CONFIG", "/cfg"));

      assertThat(plan.decidingRule()).isEqualTo(LoginRule.CLEANUP_PASSWORD);
    }

    @Test
    void emptyCleanupPassword_countsAsUnset() throws Exception {
      LoginPlan plan = plan(CommandCategory.CLEANUP, MYHOST, with(GITLAB, "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", ""));

      assertThat(plan.decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
    }

    @Test
    void givenJobTokenOnly_cleanup_autologinsWithAWarningNamingTheCleanupPassword() throws Exception {
      LoginPlan plan = plan(CommandCategory.CLEANUP, MYHOST, GITLAB);

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "gitlab-ci-token", PasswordSource.CI_JOB_TOKEN));
      assertThat(plan.warnings()).singleElement().asString()
          .contains("deletes may be denied").contains("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD");
    }
  }

  @Nested
  class ExternalDockerConfig {

    @Test
    void externalDockerConfig_winsOverAutologin() throws Exception {
      LoginPlan plan = plan(CommandCategory.PULL, MYHOST, with(GITLAB, "DAPP_DOCKER_CONFIG", "/cfg"));

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.ExternalDockerConfig("/cfg"));
      assertThat(plan.reasons()).extracting(LoginReason::rule).containsExactly(
          LoginRule.COMMAND_LINE_CREDENTIALS, LoginRule.CLEANUP_PASSWORD, LoginRule.EXTERNAL_DOCKER_CONFIG);
    }

    @Test
    void emptyDappDockerConfig_countsAsUnset() throws Exception {
      LoginPlan plan = plan(CommandCategory.PULL, MYHOST, with(GITLAB, "DAPP_DOCKER_CONFIG", ""));

      assertThat(plan.decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
    }
  }

  @Nested
  class Autologin {

    @ParameterizedTest
    @CsvSource({"CI_JOB_TOKEN", "CI_REGISTRY"})
    void withoutTheWholeGitlabEnvironment_doesNotAutologin(String missing) throws Exception {
      Map<String, String> environment = new HashMap<>(GITLAB);
      environment.remove(missing);

      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, environment);

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
      assertThat(plan.reasons().get(3).explanation()).contains(missing);
    }

    @Test
    void withEmptyJobToken_doesNotAutologin() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "CI_JOB_TOKEN", ""));

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "Yes", " 1 "})
    void truthyIgnoreVariable_disablesAutologin(String value) throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "DAPP_IGNORE_CI_DOCKER_AUTOLOGIN", value));

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "no", "", "off"})
    void otherIgnoreValues_keepAutologin(String value) throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "DAPP_IGNORE_CI_DOCKER_AUTOLOGIN", value));

      assertThat(plan.decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcr.io", "eu.gcr.io", "us.gcr.io", "asia.gcr.io", "container.cloud.google.com"})
    void googleContainerRegistry_isNeverAutologgedIn_evenWhenItIsCiRegistry(String gcr) throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, new RegistryHost(gcr), with(GITLAB, "CI_REGISTRY", gcr));

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
      assertThat(plan.reasons().get(3).explanation()).contains("Google Container Registry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcr.io.evil.com", "notgcr.io", "gcr.iox"})
    void hostsThatOnlyLookLikeGcr_areNotGcr(String host) throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, new RegistryHost(host), with(GITLAB, "CI_REGISTRY", host));

      assertThat(plan.decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
    }

    @Test
    void jobToken_isNeverSentToAForeignRegistry() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, new RegistryHost("other.example.com"), GITLAB);

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
      assertThat(plan.reasons().get(3).explanation()).contains("is not $CI_REGISTRY");
    }

    @Test
    void ciRegistry_isComparedAsAParsedHostIncludingThePort() throws Exception {
      Map<String, String> environment = with(GITLAB, "CI_REGISTRY", "https://Registry.MyHost.com:5050/");

      assertThat(plan(CommandCategory.PUSH, new RegistryHost("registry.myhost.com:5050"), environment)
          .decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
      assertThat(plan(CommandCategory.PUSH, MYHOST, environment).decidingRule())
          .isEqualTo(LoginRule.DEFAULT_DOCKER_CONFIG);
    }

    @Test
    void malformedCiRegistry_skipsAutologinWithAReason() throws Exception {
      LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "CI_REGISTRY", "not a host"));

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
      assertThat(plan.reasons().get(3).explanation()).contains("is not a registry address");
    }

    @Test
    void build_autologinsOnlyIntoBaseImagesInCiRegistry() throws Exception {
      LoginPlan plan = plan(CommandCategory.BUILD, List.of(MYHOST, RegistryHost.DOCKER_HUB), LoginOptions.NONE, GITLAB);

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.LoginByDapp(
          List.of(MYHOST), "gitlab-ci-token", PasswordSource.CI_JOB_TOKEN));
      assertThat(plan.reasons().get(3).explanation()).contains("no login for docker.io");
    }

    @Test
    void build_withBaseImagesElsewhere_doesNotAutologin() throws Exception {
      LoginPlan plan = plan(CommandCategory.BUILD, List.of(RegistryHost.DOCKER_HUB), LoginOptions.NONE, GITLAB);

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
    }

    @Test
    void build_fromScratchOnly_namesNoRegistry() throws Exception {
      LoginPlan plan = plan(CommandCategory.BUILD, List.of(), LoginOptions.NONE, GITLAB);

      assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
      assertThat(plan.reasons().get(3).explanation()).isEqualTo("the command names no registry");
    }
  }

  @Test
  void outsideGitlab_withNothingSet_usesTheDefaultDockerConfig() throws Exception {
    LoginPlan plan = plan(CommandCategory.DEPLOY, MYHOST, Map.of());

    assertThat(plan.procedure()).isInstanceOf(LoginProcedure.DefaultDockerConfig.class);
    assertThat(plan.reasons()).extracting(LoginReason::rule).containsExactly(LoginRule.COMMAND_LINE_CREDENTIALS,
        LoginRule.CLEANUP_PASSWORD, LoginRule.EXTERNAL_DOCKER_CONFIG, LoginRule.AUTOLOGIN,
        LoginRule.DEFAULT_DOCKER_CONFIG);
    assertThat(plan.reasons()).filteredOn(LoginReason::matched).singleElement()
        .extracting(LoginReason::rule).isEqualTo(LoginRule.DEFAULT_DOCKER_CONFIG);
  }

  @Test
  void reasonsAndWarnings_neverContainASecretValue() throws Exception {
    Map<String, String> environment = with(GITLAB, "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "");
    for (CommandCategory category : CommandCategory.values()) {
      LoginPlan plan = plan(category, MYHOST, environment);
      assertThat(plan.toString()).doesNotContain("job-token-value");
      plan.reasons().forEach(r -> assertThat(r.explanation()).doesNotContain("job-token-value"));
    }
  }

  /** The local commands clean the local store: whatever the environment offers, nothing logs in. */
  @Nested
  class NoRegistry {

    @ParameterizedTest
    @ValueSource(strings = {"gitlab", "cleanup password", "external config", "nothing"})
    void aLocalCommand_needsNoLogin_whateverTheEnvironment(String environment) throws Exception {
      Map<String, String> variables = switch (environment) {
        case "gitlab" -> GITLAB;
        case "cleanup password" -> with(GITLAB, "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", "secret");
        case "external config" -> Map.of("DAPP_DOCKER_CONFIG", "/cfg");
        default -> Map.of();
      };

      LoginPlan plan = plan(CommandCategory.LOCAL, List.of(), LoginOptions.NONE, variables);

      assertThat(plan.procedure()).isEqualTo(new LoginProcedure.NoLogin());
      assertThat(plan.decidingRule()).isEqualTo(LoginRule.NO_REGISTRY);
      assertThat(plan.reasons()).singleElement().satisfies(reason ->
          assertThat(reason.explanation()).contains("local image store only", "no login"));
      assertThat(plan.targets()).isEmpty();
      assertThat(plan.warnings()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CommandCategory.class, names = "LOCAL", mode = EnumSource.Mode.EXCLUDE)
    void registryCategories_neverTakeTheNoRegistryRule(CommandCategory category) throws Exception {
      LoginPlan plan = plan(category, MYHOST, Map.of());

      assertThat(plan.procedure()).isNotInstanceOf(LoginProcedure.NoLogin.class);
      assertThat(plan.reasons()).extracting(LoginReason::rule).doesNotContain(LoginRule.NO_REGISTRY);
    }
  }

  @Test
  void defaultDockerConfig_withDockerAuthConfigSet_saysItsAuthsAreReadInMemory() throws Exception {
    LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, Map.of("DOCKER_AUTH_CONFIG", "{\"auths\":{}}"));

    assertThat(plan.procedure()).isEqualTo(new LoginProcedure.DefaultDockerConfig(true));
    assertThat(plan.reasons()).filteredOn(LoginReason::matched).singleElement()
        .satisfies(reason -> assertThat(reason.explanation()).endsWith("; $DOCKER_AUTH_CONFIG is set: its auths "
            + "are read too, in memory, for registries the config file has no entry for"));
  }

  @Test
  void dockerAuthConfig_countsOnlyWhereTheDefaultConfigApplies() throws Exception {
    LoginPlan plan = plan(CommandCategory.PUSH, MYHOST, with(GITLAB, "DOCKER_AUTH_CONFIG", "{}"));

    assertThat(plan.decidingRule()).isEqualTo(LoginRule.AUTOLOGIN);
    assertThat(plan(CommandCategory.PUSH, MYHOST, Map.of()).procedure())
        .isEqualTo(new LoginProcedure.DefaultDockerConfig(false));
  }
}
