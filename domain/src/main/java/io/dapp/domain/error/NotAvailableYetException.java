package io.dapp.domain.error;

/**
 * A command parsed and ran its login procedure, but the work behind it is not built yet. Reported as a
 * failure, never as success: a CI job must not go green on work that did not happen.
 */
public final class NotAvailableYetException extends OperationFailedException {

  public NotAvailableYetException(String what) {
    super(what + " is not available yet in this version of dapp");
  }
}
