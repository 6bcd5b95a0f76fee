package io.dapp.domain.login;

import java.util.Objects;
import java.util.Optional;

/**
 * The login options of a command line: {@code --registry-username} and whether a password was given, and
 * how. The password value itself travels separately so that this record can be explained freely.
 */
public record LoginOptions(Optional<String> username, Optional<PasswordSource> passwordSource) {

  public static final LoginOptions NONE = new LoginOptions(Optional.empty(), Optional.empty());

  public LoginOptions {
    Objects.requireNonNull(username, "'username' must not be null");
    Objects.requireNonNull(passwordSource, "'passwordSource' must not be null");
    passwordSource.ifPresent(source -> {
      if (!source.isCommandLine()) {
        throw new IllegalArgumentException("a command-line password comes from an option or stdin, not " + source);
      }
    });
    username = username.filter(u -> !u.isEmpty());
  }
}
