package io.dapp.domain.push;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import java.util.Objects;

/**
 * What a push did to one tag.
 *
 * @param target the tag pushed: {@code registry.example.com/web/app:1}
 * @param digest the manifest the tag names now: for {@link Outcome#KEPT}, the registry's
 * @param built the manifest this push made, the same as {@code digest} unless the registry's was kept
 * @param uploaded blobs (layers and config) whose bytes were sent
 * @param mounted blobs the registry linked from another repository it has them in: nothing sent
 * @param present blobs the repository had already: nothing sent
 * @param bytesUploaded the size of the uploaded blobs
 */
public record PushedTag(ImageReference target, Digest digest, Digest built, Outcome outcome, int uploaded,
    int mounted, int present, long bytesUploaded) {

  /** What happened to the tag. */
  public enum Outcome {
    /** The manifest was put under the tag. */
    PUSHED,
    /** The tag already named this manifest: nothing was put, no blob was asked about. */
    UP_TO_DATE,
    /** The tag named another manifest, which was kept (a stage another build pushed first): nothing was put. */
    KEPT
  }

  public PushedTag {
    Objects.requireNonNull(target, "'target' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
    Objects.requireNonNull(built, "'built' must not be null");
    Objects.requireNonNull(outcome, "'outcome' must not be null");
    if (uploaded < 0 || mounted < 0 || present < 0 || bytesUploaded < 0) {
      throw new IllegalArgumentException("blob counts and bytes must not be negative");
    }
  }
}
