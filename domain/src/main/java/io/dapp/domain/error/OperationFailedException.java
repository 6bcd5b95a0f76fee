package io.dapp.domain.error;

/** The input was fine but the work could not be done: a registry refused, a file could not be written. */
public non-sealed class OperationFailedException extends DappException {

  public OperationFailedException(String message) {
    super(message);
  }

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
