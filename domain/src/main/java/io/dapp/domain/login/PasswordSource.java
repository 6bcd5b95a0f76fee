package io.dapp.domain.login;

/**
 * Where the password of a login by dapp comes from. The policy names the source, never the value, so a
 * plan can be explained without touching a secret.
 */
public enum PasswordSource {
  OPTION("--registry-password"),
  STDIN("--registry-password-stdin"),
  CI_JOB_TOKEN("$" + LoginEnvironment.CI_JOB_TOKEN),
  CLEANUP_PASSWORD("$" + LoginEnvironment.DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD);

  private final String label;

  PasswordSource(String label) {
    this.label = label;
  }

  /** How the user sees this source: an option name or an environment variable. */
  public String label() {
    return label;
  }

  public boolean isCommandLine() {
    return this == OPTION || this == STDIN;
  }
}
