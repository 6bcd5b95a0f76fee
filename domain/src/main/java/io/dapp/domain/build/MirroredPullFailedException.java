package io.dapp.domain.build;

import io.dapp.domain.error.OperationFailedException;

/**
 * A Docker Hub base image could be pulled neither from any mirror nor from Docker Hub: the message names
 * each source and what it said, in the order they were tried.
 */
public final class MirroredPullFailedException extends OperationFailedException {

  public MirroredPullFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
