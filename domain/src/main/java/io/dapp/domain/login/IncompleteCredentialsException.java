package io.dapp.domain.login;

import io.dapp.domain.error.InvalidInputException;

/** Only one half of the command-line credentials was given. */
public final class IncompleteCredentialsException extends InvalidInputException {

  public IncompleteCredentialsException(String message) {
    super(message);
  }
}
