package io.dapp.adapters.env.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the file system says about a file without reading it, as git's index keeps it: when any of it
 * differs, the bytes may differ. The change time cannot be set back by a user, so a file rewritten with its
 * size and modification time put back still differs here.
 */
record FileStat(long size, long modifiedNanos, long changedNanos, long inode, long device) {

  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev";

  /** The file's stat, not following a link; empty where the file system has no unix attributes. */
  static Optional<FileStat> of(Path file) throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(new FileStat((Long) attributes.get("size"), nanos((FileTime) attributes.get("lastModifiedTime")),
        nanos((FileTime) attributes.get("ctime")), ((Number) attributes.get("ino")).longValue(),
        ((Number) attributes.get("dev")).longValue()));
  }

  private static long nanos(FileTime time) {
    Instant instant = time.toInstant();
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /**
   * Whether the file was last changed clearly before {@code moment}: a change made after it gets other
   * timestamps even on a file system that keeps them in whole seconds (or two, FAT), so an entry recorded
   * from a read that began after {@code moment} cannot go stale unnoticed. A file changed later is "racy",
   * as git calls it: its next change could keep the same timestamps.
   */
  boolean settledBefore(Instant moment, long marginNanos) {
    long limit = Math.addExact(Math.multiplyExact(moment.getEpochSecond(), 1_000_000_000L), moment.getNano())
        - marginNanos;
    return modifiedNanos < limit && changedNanos < limit;
  }
}
