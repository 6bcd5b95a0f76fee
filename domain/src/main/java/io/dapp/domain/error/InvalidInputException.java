package io.dapp.domain.error;

/** The user gave something dapp cannot use: a flag, an image reference, a config file, an environment value. */
public non-sealed class InvalidInputException extends DappException {

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
