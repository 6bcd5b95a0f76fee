package io.dapp.domain.registry;

import io.dapp.domain.error.OperationFailedException;

/** Reads an image config blob's JSON; implemented where a JSON parser is at hand. */
public interface ImageConfigReader {

  /**
   * The {@code created} time and {@code config.Labels} of an image config (OCI or Docker).
   *
   * @throws OperationFailedException when the bytes are not a JSON object
   */
  ImageMeta read(byte[] config) throws OperationFailedException;
}
