package io.dapp.domain.model;

import io.dapp.domain.error.InvalidInputException;

/** A {@code --platform} value that is not {@code os/architecture[/variant]}. */
public final class InvalidPlatformException extends InvalidInputException {

  public InvalidPlatformException(String message) {
    super(message);
  }
}
