package io.dapp.domain.error;

/**
 * Root of every failure dapp reports to a user. The message is one line, names the problem and never
 * contains a secret. Two kinds only, because the CLI maps them to the two failure exit codes: the user's
 * input was wrong (2) or the operation failed (1).
 *
 * <p>Messages quote text from outside (a parser's complaint, a registry's error, a file name, a helper's
 * output), so every message is made one line here, once for all subclasses: whatever
 * {@linkplain UserText#breaksTheLine breaks a line} is escaped, for an embedder's logs as for the terminal.
 */
public abstract sealed class DappException extends Exception
    permits InvalidInputException, OperationFailedException {

  protected DappException(String message) {
    super(UserText.oneLine(message));
  }

  protected DappException(String message, Throwable cause) {
    super(UserText.oneLine(message), cause);
  }
}
