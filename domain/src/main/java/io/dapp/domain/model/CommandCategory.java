package io.dapp.domain.model;

/** What a command does with a registry; the login policy differs per category. */
public enum CommandCategory {
  /** Pulls base images named in the dappfile's {@code from}. */
  BUILD,
  /** Creates and updates images in the registry. */
  PUSH,
  /** Pulls the build cache. */
  PULL,
  /** Deletes images from the registry. */
  CLEANUP,
  /** Reads image meta for a deploy. */
  DEPLOY,
  /** Works on the local image store only: it talks to no registry, so it needs no login. */
  LOCAL;

  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
