package io.dapp.domain.login;

/**
 * The rules of the login policy, in the order they are tried; the first that matches decides.
 * {@link #NO_REGISTRY} decides alone for the local commands, which talk to no registry; it is not tried
 * for the others, so their plans list the five rules of dapp's authorization page.
 */
public enum LoginRule {
  NO_REGISTRY("no registry"),
  COMMAND_LINE_CREDENTIALS("command-line credentials"),
  CLEANUP_PASSWORD("cleanup password"),
  EXTERNAL_DOCKER_CONFIG("external docker config"),
  AUTOLOGIN("gitlab autologin"),
  DEFAULT_DOCKER_CONFIG("default docker config");

  private final String title;

  LoginRule(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
