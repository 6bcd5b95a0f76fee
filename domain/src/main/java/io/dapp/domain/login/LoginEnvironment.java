package io.dapp.domain.login;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the environment says about login, as facts the policy can explain. It records whether the secret
 * variables are set, never their values.
 */
public record LoginEnvironment(
    boolean ciJobTokenSet,
    Optional<String> ciRegistry,
    Optional<String> ignoreAutologin,
    boolean cleanupPasswordSet,
    Optional<String> dappDockerConfig,
    boolean dockerAuthConfigSet) {

  public static final String CI_JOB_TOKEN = "CI_JOB_TOKEN";
  public static final String CI_REGISTRY = "CI_REGISTRY";
  public static final String DAPP_IGNORE_CI_DOCKER_AUTOLOGIN = "DAPP_IGNORE_CI_DOCKER_AUTOLOGIN";
  public static final String DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD = "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD";
  public static final String DAPP_DOCKER_CONFIG = "DAPP_DOCKER_CONFIG";
  /** GitLab's CI/CD variable holding a config.json as JSON text; its content is credentials, never shown. */
  public static final String DOCKER_AUTH_CONFIG = "DOCKER_AUTH_CONFIG";

  private static final Set<String> TRUTHY = Set.of("1", "true", "yes");

  public LoginEnvironment {
    Objects.requireNonNull(ciRegistry, "'ciRegistry' must not be null");
    Objects.requireNonNull(ignoreAutologin, "'ignoreAutologin' must not be null");
    Objects.requireNonNull(dappDockerConfig, "'dappDockerConfig' must not be null");
    ciRegistry = ciRegistry.filter(v -> !v.isBlank());
    ignoreAutologin = ignoreAutologin.filter(v -> !v.isBlank());
    dappDockerConfig = dappDockerConfig.filter(v -> !v.isBlank());
  }

  /** Reads the variables the login policy depends on; an empty value counts as unset. */
  public static LoginEnvironment from(Map<String, String> variables) {
    return new LoginEnvironment(
        isSet(variables.get(CI_JOB_TOKEN)),
        Optional.ofNullable(variables.get(CI_REGISTRY)),
        Optional.ofNullable(variables.get(DAPP_IGNORE_CI_DOCKER_AUTOLOGIN)),
        isSet(variables.get(DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD)),
        Optional.ofNullable(variables.get(DAPP_DOCKER_CONFIG)),
        isSet(variables.get(DOCKER_AUTH_CONFIG)));
  }

  /** Without {@code DOCKER_AUTH_CONFIG}. */
  public LoginEnvironment(boolean ciJobTokenSet, Optional<String> ciRegistry, Optional<String> ignoreAutologin,
      boolean cleanupPasswordSet, Optional<String> dappDockerConfig) {
    this(ciJobTokenSet, ciRegistry, ignoreAutologin, cleanupPasswordSet, dappDockerConfig, false);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }

  /** GitLab's job environment: a job token and the project's container registry. */
  public boolean gitlabAvailable() {
    return ciJobTokenSet && ciRegistry.isPresent();
  }

  /** {@code DAPP_IGNORE_CI_DOCKER_AUTOLOGIN} is 1, true or yes, in any case. */
  public boolean autologinDisabled() {
    return ignoreAutologin.map(v -> TRUTHY.contains(v.trim().toLowerCase(Locale.ROOT))).orElse(false);
  }
}
