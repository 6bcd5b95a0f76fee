package io.dapp.domain.error;

/**
 * Root of every failure dapp reports to a user. The message is one line, names the problem and never
 * contains a secret. Two kinds only, because the CLI maps them to the two failure exit codes: the user's
 * input was wrong (2) or the operation failed (1).
 */
public abstract sealed class DappException extends Exception
    permits InvalidInputException, OperationFailedException {

  protected DappException(String message) {
    super(message);
  }

  protected DappException(String message, Throwable cause) {
    super(message, cause);
  }
}
