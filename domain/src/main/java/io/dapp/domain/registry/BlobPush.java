package io.dapp.domain.registry;

/** How a blob came to be in the target repository. */
public enum BlobPush {
  /** The repository had it: nothing was sent. */
  ALREADY_PRESENT,
  /** The registry linked it from another repository: nothing was sent. */
  MOUNTED,
  /** Its bytes were uploaded. */
  UPLOADED
}
