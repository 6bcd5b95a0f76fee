package io.dapp.domain.registry;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.model.Digest;

/** Reads what dapp needs from an image manifest's JSON; implemented where a JSON parser is at hand. */
public interface ManifestReader {

  /**
   * The digest of the image's config blob, which docker calls the image id.
   *
   * @throws OperationFailedException when {@code manifest} is not an image manifest or names no valid config
   */
  Digest configDigest(Manifest manifest) throws OperationFailedException;

  /**
   * The config and layer descriptors of an image manifest (OCI or Docker v2 schema 2), base layer first.
   *
   * @throws OperationFailedException when {@code manifest} is not an image manifest or its descriptors are invalid
   */
  ImageManifest imageManifest(Manifest manifest) throws OperationFailedException;
}
