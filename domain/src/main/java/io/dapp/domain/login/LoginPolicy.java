package io.dapp.domain.login;

import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.model.RegistryHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The login policy of dapp's authorization page as one pure function: rules are tried in order and the
 * first that matches decides. Each rule is one method here and nowhere else.
 */
public final class LoginPolicy {

  public static final String CI_JOB_TOKEN_USER = "gitlab-ci-token";
  public static final String CLEANUP_USER = "dapp-cleanup-repo";

  public LoginPlan plan(LoginRequest request) throws IncompleteCredentialsException {
    Decision decision = new Decision();
    if (request.category() == CommandCategory.LOCAL) {
      return noRegistry(request, decision);
    }
    Optional<LoginProcedure> procedure = commandLineCredentials(request, decision)
        .or(() -> cleanupPassword(request, decision))
        .or(() -> externalDockerConfig(request, decision))
        .or(() -> autologin(request, decision));
    LoginProcedure chosen = procedure.orElseGet(() -> {
      boolean dockerAuthConfig = request.environment().dockerAuthConfigSet();
      decision.matched(LoginRule.DEFAULT_DOCKER_CONFIG,
          "no rule above applies: the default docker config ($DOCKER_CONFIG or ~/.docker) is read, never written"
              + (dockerAuthConfig ? "; $" + LoginEnvironment.DOCKER_AUTH_CONFIG + " is set: its auths are read "
              + "too, in memory, for registries the config file has no entry for" : ""));
      return new LoginProcedure.DefaultDockerConfig(dockerAuthConfig);
    });
    return new LoginPlan(request.category(), request.targets(), chosen, decision.reasons, decision.warnings);
  }

  private static LoginPlan noRegistry(LoginRequest request, Decision decision) {
    decision.matched(LoginRule.NO_REGISTRY, "the command works on the local image store only: "
        + "it talks to no registry, so there is no login and no docker config is read");
    return new LoginPlan(request.category(), List.of(), new LoginProcedure.NoLogin(), decision.reasons,
        decision.warnings);
  }

  private static Optional<LoginProcedure> commandLineCredentials(LoginRequest request, Decision decision)
      throws IncompleteCredentialsException {
    LoginOptions options = request.options();
    if (options.username().isPresent() && options.passwordSource().isEmpty()) {
      throw new IncompleteCredentialsException(
          "--registry-username is given without a password: add --registry-password-stdin (or --registry-password)");
    }
    if (options.username().isEmpty() && options.passwordSource().isPresent()) {
      throw new IncompleteCredentialsException(
          options.passwordSource().get().label() + " is given without --registry-username: add --registry-username");
    }
    if (options.username().isEmpty()) {
      decision.skipped(LoginRule.COMMAND_LINE_CREDENTIALS, "--registry-username and a password are not given");
      return Optional.empty();
    }
    PasswordSource source = options.passwordSource().orElseThrow();
    decision.matched(LoginRule.COMMAND_LINE_CREDENTIALS,
        "--registry-username and " + source.label() + " are given");
    return Optional.of(new LoginProcedure.LoginByDapp(request.targets(), options.username().get(), source));
  }

  private static Optional<LoginProcedure> cleanupPassword(LoginRequest request, Decision decision) {
    if (request.category() != CommandCategory.CLEANUP) {
      decision.skipped(LoginRule.CLEANUP_PASSWORD, "not a cleaning command");
      return Optional.empty();
    }
    if (!request.environment().cleanupPasswordSet()) {
      decision.skipped(LoginRule.CLEANUP_PASSWORD, "$" + LoginEnvironment.DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD + " is not set");
      return Optional.empty();
    }
    decision.matched(LoginRule.CLEANUP_PASSWORD, "a cleaning command and $"
        + LoginEnvironment.DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD + " is set: login as " + CLEANUP_USER);
    return Optional.of(new LoginProcedure.LoginByDapp(
        request.targets(), CLEANUP_USER, PasswordSource.CLEANUP_PASSWORD));
  }

  private static Optional<LoginProcedure> externalDockerConfig(LoginRequest request, Decision decision) {
    Optional<String> path = request.environment().dappDockerConfig();
    if (path.isEmpty()) {
      decision.skipped(LoginRule.EXTERNAL_DOCKER_CONFIG, "$" + LoginEnvironment.DAPP_DOCKER_CONFIG + " is not set");
      return Optional.empty();
    }
    decision.matched(LoginRule.EXTERNAL_DOCKER_CONFIG,
        "$" + LoginEnvironment.DAPP_DOCKER_CONFIG + " is set: dapp performs no login and uses that config");
    return Optional.of(new LoginProcedure.ExternalDockerConfig(path.get()));
  }

  private static Optional<LoginProcedure> autologin(LoginRequest request, Decision decision) {
    LoginEnvironment environment = request.environment();
    if (!environment.gitlabAvailable()) {
      decision.skipped(LoginRule.AUTOLOGIN, "no gitlab environment: " + missingGitlabVariables(environment) + " not set");
      return Optional.empty();
    }
    if (environment.autologinDisabled()) {
      decision.skipped(LoginRule.AUTOLOGIN, "disabled by $" + LoginEnvironment.DAPP_IGNORE_CI_DOCKER_AUTOLOGIN
          + "=" + environment.ignoreAutologin().orElseThrow());
      return Optional.empty();
    }
    String ciRegistryValue = environment.ciRegistry().orElseThrow();
    RegistryHost ciRegistry;
    try {
      ciRegistry = RegistryHost.parse(ciRegistryValue);
    } catch (InvalidReferenceException e) {
      decision.skipped(LoginRule.AUTOLOGIN, "$" + LoginEnvironment.CI_REGISTRY + "='" + ciRegistryValue
          + "' is not a registry address");
      return Optional.empty();
    }
    if (request.targets().isEmpty()) {
      decision.skipped(LoginRule.AUTOLOGIN, "the command names no registry");
      return Optional.empty();
    }
    List<RegistryHost> hosts = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (RegistryHost target : request.targets()) {
      if (target.isGoogleContainerRegistry()) {
        refusals.add(target + " is Google Container Registry, where dapp never autologins");
      } else if (!target.equals(ciRegistry)) {
        refusals.add(target + " is not $" + LoginEnvironment.CI_REGISTRY + " (" + ciRegistry
            + "): the job token is sent only there");
      } else {
        hosts.add(target);
      }
    }
    if (hosts.isEmpty()) {
      decision.skipped(LoginRule.AUTOLOGIN, String.join("; ", refusals));
      return Optional.empty();
    }
    String explanation = "gitlab environment ($" + LoginEnvironment.CI_JOB_TOKEN + " and $"
        + LoginEnvironment.CI_REGISTRY + "=" + ciRegistry + ") and the target is that registry: login as "
        + CI_JOB_TOKEN_USER;
    if (!refusals.isEmpty()) {
      explanation += " (no login for " + String.join("; ", refusals) + ")";
    }
    decision.matched(LoginRule.AUTOLOGIN, explanation);
    if (request.category() == CommandCategory.CLEANUP) {
      decision.warnings.add("cleaning with the gitlab job token: gitlab does not allow it to delete images, so "
          + "deletes may be denied; set $" + LoginEnvironment.DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD
          + " to a token of a user who may delete");
    }
    return Optional.of(new LoginProcedure.LoginByDapp(hosts, CI_JOB_TOKEN_USER, PasswordSource.CI_JOB_TOKEN));
  }

  private static String missingGitlabVariables(LoginEnvironment environment) {
    List<String> missing = new ArrayList<>();
    if (!environment.ciJobTokenSet()) {
      missing.add("$" + LoginEnvironment.CI_JOB_TOKEN);
    }
    if (environment.ciRegistry().isEmpty()) {
      missing.add("$" + LoginEnvironment.CI_REGISTRY);
    }
    return missing.stream().collect(Collectors.joining(" and "));
  }

  /** The reasons and warnings collected while the rules are tried. */
  private static final class Decision {
    private final List<LoginReason> reasons = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void matched(LoginRule rule, String explanation) {
      reasons.add(LoginReason.matched(rule, explanation));
    }

    void skipped(LoginRule rule, String explanation) {
      reasons.add(LoginReason.skipped(rule, explanation));
    }
  }
}
