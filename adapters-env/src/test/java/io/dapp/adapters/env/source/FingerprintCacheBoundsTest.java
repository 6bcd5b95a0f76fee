package io.dapp.adapters.env.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache stays bounded: entries per project, and project files per cache directory. */
class FingerprintCacheBoundsTest {

  private static final Instant LISTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(LISTED, java.time.ZoneOffset.UTC);

  @TempDir
  Path directory;

  private static FileStat settled(long inode) {
    return new FileStat(1, 1_000_000_000L, 1_000_000_000L, inode, 1);
  }

  @Test
  void entriesPastTheLimit_areDropped_oldestFirst() throws Exception {
    Path file = directory.resolve("fingerprints").resolve("p" + FingerprintCache.SUFFIX);
    FingerprintCache first = FingerprintCache.load(file, "/project", CLOCK);
    for (int i = 0; i < FingerprintCache.MAX_ENTRIES; i++) {
      first.record("old/" + i, settled(i), LISTED, settled(i), Digests.sha256("old " + i));
    }
    first.save();
    FingerprintCache second = FingerprintCache.load(file, "/project", CLOCK);
    second.record("new", settled(-1), LISTED, settled(-1), Digests.sha256("new"));
    second.save();

    FingerprintCache third = FingerprintCache.load(file, "/project", CLOCK);

    assertThat(third.problem()).isEmpty();
    assertThat(third.lookup("new", settled(-1))).contains(Digests.sha256("new"));
    assertThat(third.lookup("old/1", settled(1))).contains(Digests.sha256("old 1"));
    assertThat(third.lookup("old/" + (FingerprintCache.MAX_ENTRIES - 1), settled(FingerprintCache.MAX_ENTRIES - 1)))
        .as("the one past the limit").isEmpty();
    assertThat(Files.size(file)).isLessThanOrEqualTo(FingerprintCache.MAX_FILE_BYTES);
  }

  @Test
  void projectFilesPastTheLimit_areRemoved_leastRecentlyUsedFirst() throws Exception {
    Path fingerprints = Files.createDirectories(directory.resolve("fingerprints"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    for (int i = 0; i < FingerprintCache.MAX_FILES + 10; i++) {
      Path other = Files.writeString(fingerprints.resolve("other-" + i + FingerprintCache.SUFFIX), "x");
      Files.setLastModifiedTime(other, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Path ours = fingerprints.resolve("ours" + FingerprintCache.SUFFIX);
    FingerprintCache cache = FingerprintCache.load(ours, "/project", CLOCK);
    cache.record("a", settled(1), LISTED, settled(1), Digests.sha256("a"));

    cache.save();

    try (Stream<Path> files = Files.list(fingerprints)) {
      assertThat(files).hasSize(FingerprintCache.MAX_FILES).contains(ours)
          .doesNotContain(fingerprints.resolve("other-0" + FingerprintCache.SUFFIX));
    }
  }
}
