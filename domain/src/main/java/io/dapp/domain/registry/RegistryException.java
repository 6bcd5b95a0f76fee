package io.dapp.domain.registry;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry operation failed. Every subclass knows the host, the repository when there is one, and the
 * action, and reads as one line: {@code pull manifest registry.example.com/web/backend:1.0: manifest unknown}.
 * No message contains a password or token: callers pass none, and registry text is reduced to one line.
 */
public abstract sealed class RegistryException extends OperationFailedException
    permits RegistryUnauthorizedException, RegistryDeniedException, DeletionDisabledException,
        ManifestUnknownException, BlobUnknownException, DigestMismatchException, RegistryUnreachableException,
        InsecureRegistryException, LoginRejectedException, PlatformNotFoundException, RegistryResponseException,
        RegistryCredentialsException, ManifestBlobUnknownException, RegistryTlsException {

  private final RegistryAction action;
  private final RegistryHost host;
  private final Repository repository;

  /**
   * @param subject what the action was about, appended to the repository: {@code :1.0}, {@code @sha256:...}; may be empty
   */
  protected RegistryException(RegistryAction action, RegistryHost host, Repository repository, String subject,
      String problem, Throwable cause) {
    super(compose(action, host, repository, subject, problem), cause);
    this.action = action;
    this.host = host;
    this.repository = repository;
  }

  /** For messages whose wording is fixed by the requirements (login). */
  protected RegistryException(RegistryAction action, RegistryHost host, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.action = Objects.requireNonNull(action, "'action' must not be null");
    this.host = Objects.requireNonNull(host, "'host' must not be null");
    this.repository = null;
  }

  private static String compose(RegistryAction action, RegistryHost host, Repository repository, String subject,
      String problem) {
    Objects.requireNonNull(action, "'action' must not be null");
    Objects.requireNonNull(host, "'host' must not be null");
    String where = repository != null ? repository.toString() : host.toString();
    return oneLine(action.verb() + " " + where + (subject == null ? "" : subject) + ": " + problem);
  }

  /**
   * Registry text can hold the line breaks of an HTML page: they become spaces. Other control characters
   * stay, and {@link io.dapp.domain.error.DappException} escapes them so that they can be seen.
   */
  static String oneLine(String text) {
    return UserText.oneLine(UserText.squeezeWhitespace(text));
  }

  public RegistryAction action() {
    return action;
  }

  public RegistryHost host() {
    return host;
  }

  public Optional<Repository> repository() {
    return Optional.ofNullable(repository);
  }
}
