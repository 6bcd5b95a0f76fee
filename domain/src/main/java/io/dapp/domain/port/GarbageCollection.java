package io.dapp.domain.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a garbage collection of the local store may remove: blobs no reference reaches and leftover
 * temporary files, both only when last written (or, for a blob, last found by {@code hasBlob}) before
 * {@code writtenBefore}, so that what a concurrent build or pull has written and not yet named is kept.
 *
 * @param ignoring reference names to count as already removed: a dry run reports what removing them
 *     would free
 * @param dryRun when true, nothing is removed and the result says what would be
 */
public record GarbageCollection(Instant writtenBefore, Set<String> ignoring, boolean dryRun) {

  public GarbageCollection {
    Objects.requireNonNull(writtenBefore, "'writtenBefore' must not be null");
    ignoring = Set.copyOf(ignoring);
  }

  /** Removes what nothing reaches and was written before {@code writtenBefore}. */
  public static GarbageCollection removing(Instant writtenBefore) {
    return new GarbageCollection(writtenBefore, Set.of(), false);
  }

  /** Removes nothing; says what removing {@code ignoring} and then collecting would remove. */
  public static GarbageCollection preview(Instant writtenBefore, Set<String> ignoring) {
    return new GarbageCollection(writtenBefore, ignoring, true);
  }
}
