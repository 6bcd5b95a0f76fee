package io.dapp.domain.model;

import io.dapp.domain.error.InvalidInputException;

/** An image reference, repository, registry address or digest that does not follow docker's grammar. */
public final class InvalidReferenceException extends InvalidInputException {

  public InvalidReferenceException(String message) {
    super(message);
  }
}
