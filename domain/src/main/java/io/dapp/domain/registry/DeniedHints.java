package io.dapp.domain.registry;

import io.dapp.domain.login.LoginEnvironment;
import java.util.Optional;

/** What to tell a user whose registry request was denied, from the credentials that were used. */
public final class DeniedHints {

  /** GitLab's user name for the CI job token, which autologin uses. */
  public static final String GITLAB_JOB_TOKEN_USER = "gitlab-ci-token";

  private DeniedHints() {}

  /**
   * @param username the user the request was made as; empty when anonymous or a token without a user
   */
  public static Optional<String> forAction(RegistryAction action, Optional<String> username) {
    if (username.isEmpty()) {
      return Optional.of("no credentials were used (anonymous); log in or pass --registry-username/--registry-password");
    }
    String user = username.get();
    if (action == RegistryAction.DELETE_MANIFEST && user.equals(GITLAB_JOB_TOKEN_USER)) {
      return Optional.of("credentials used: user " + user + " (the CI job token), which GitLab does not allow to "
          + "delete; set " + LoginEnvironment.DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD
          + " to the token of a user who may delete images");
    }
    return Optional.of("credentials used: user " + user);
  }
}
