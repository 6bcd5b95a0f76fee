package io.dapp.adapters.env.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.image.Content;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.port.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain directory's fingerprint cache: unchanged files are fingerprinted without being read, and whatever
 * the cache holds (nothing, stale, damaged, foreign), the identities are those of the bytes on disk.
 */
class DirectoryFingerprintCacheTest {

  /** Files of these tests are seconds old at most: a clock a minute ahead lets the cache trust them. */
  private static final Clock SETTLED = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

  @TempDir
  Path directory;

  private Path project;
  private Path cacheDirectory;

  private Path project() throws IOException {
    if (project == null) {
      project = Files.createDirectories(directory.resolve("project"));
      write("src/app.rb", "puts 1");
      write("src/lib/util.rb", "def util; end");
      write("README.md", "readme");
      cacheDirectory = directory.resolve("cache");
    }
    return project;
  }

  private Path write(String path, String content) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private FingerprintCaches caches(Clock clock) throws IOException {
    project();
    return new FingerprintCaches(Optional.of(cacheDirectory), clock);
  }

  /** What a stage signature takes from each file: its fingerprint when known, else the hash of its bytes. */
  private static Map<String, String> identities(List<SourceFile> files) throws IOException {
    Map<String, String> identities = new LinkedHashMap<>();
    for (SourceFile file : files) {
      Content content = file.content().orElseThrow();
      Optional<ContentFingerprint> known = content.fingerprint();
      identities.put(file.path(), known.isPresent() ? known.get().toString() : hash(content));
    }
    return identities;
  }

  /** As a stage signature hashes a file it has no fingerprint of: read whole, then told to the content. */
  private static String hash(Content content) throws IOException {
    try (InputStream in = content.open()) {
      Digest hashed = Digests.sha256(in.readAllBytes());
      content.hashedWhole(hashed);
      return hashed.toString();
    }
  }

  /** One run: lists every file, signs them, closes (which saves the cache). */
  private Run run(FingerprintCaches caches) throws Exception {
    try (DirectorySnapshot snapshot = new DirectorySnapshot(project(), caches)) {
      List<SourceFile> files = snapshot.files("");
      long known = files.stream().filter(f -> f.content().orElseThrow().fingerprint().isPresent()).count();
      Map<String, String> identities = identities(files);
      return new Run(identities, known, snapshot.cache().hits(), snapshot.debugNote());
    }
  }

  record Run(Map<String, String> identities, long fingerprinted, int hits, Optional<String> note) {}

  private Map<String, String> onDisk() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        expected.put(project.relativize(file).toString(), Digests.sha256(Files.readAllBytes(file)).toString());
      }
    }
    return expected;
  }

  private Path cacheFile() throws IOException {
    return cacheFile(project);
  }

  /** One file per project directory, named by the SHA-256 of its canonical path. */
  private Path cacheFile(Path root) throws IOException {
    return cacheDirectory.resolve("fingerprints").resolve(Digests.sha256(root.toRealPath().toString()).hex()
        + FingerprintCache.SUFFIX);
  }

  /**
   * Puts other bytes of the same size in the file, in place (same inode), with its modification time put back,
   * until its change time shows it (the kernel's clock ticks every few milliseconds).
   */
  private void rewriteKeepingSizeAndModificationTime(String path, String content) throws IOException {
    Path file = project.resolve(path);
    FileTime modified = Files.getLastModifiedTime(file);
    Object changed = Files.getAttribute(file, "unix:ctime");
    assertThat(content.length()).isEqualTo(Files.size(file));
    do {
      Files.writeString(file, content);
      Files.setLastModifiedTime(file, modified);
    } while (Files.getAttribute(file, "unix:ctime").equals(changed));
  }

  @Test
  void secondRun_fingerprintsUnchangedFilesFromTheCache_withTheirSha256() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    Run first = run(caches);

    Run second = run(caches);

    assertThat(first.hits()).isZero();
    assertThat(first.identities()).isEqualTo(onDisk());
    assertThat(second.hits()).isEqualTo(3);
    assertThat(second.fingerprinted()).isEqualTo(3);
    assertThat(second.identities()).isEqualTo(onDisk());
    assertThat(second.note()).isEmpty();
  }

  @Test
  void contentChangedWithSameSizeAndModificationTime_changesItsIdentity() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    Map<String, String> before = run(caches).identities();

    rewriteKeepingSizeAndModificationTime("src/app.rb", "puts 2");
    Run after = run(caches);

    assertThat(after.identities()).isEqualTo(onDisk());
    assertThat(after.identities().get("src/app.rb")).isNotEqualTo(before.get("src/app.rb"));
    assertThat(after.hits()).as("the two unchanged files").isEqualTo(2);
  }

  @Test
  void fileReplacedByAnotherOfTheSameSizeAndTimes_changesItsIdentity() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    run(caches);
    Path file = project.resolve("README.md");
    FileTime modified = Files.getLastModifiedTime(file);
    Path replacement = Files.writeString(project.resolve("README.new"), "README");
    Files.setLastModifiedTime(replacement, modified);
    Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Run after = run(caches);

    assertThat(after.identities()).isEqualTo(onDisk());
    assertThat(after.hits()).isEqualTo(2);
  }

  @Test
  void racyEntry_fileChangedJustBeforeItWasListed_isNotTrusted() throws Exception {
    FingerprintCaches caches = caches(Clock.systemUTC()); // the files were written a moment ago

    run(caches);
    Run second = run(caches);

    assertThat(second.hits()).isZero();
    assertThat(second.fingerprinted()).isZero();
    assertThat(second.identities()).isEqualTo(onDisk());
  }

  @Test
  void settledBefore_needsBothTimesClearlyOlderThanTheListing() {
    FileStat stat = new FileStat(1, 10_000_000_000L, 20_000_000_000L, 1, 1);
    java.time.Instant listed = java.time.Instant.ofEpochSecond(24);

    assertThat(stat.settledBefore(listed, Duration.ofSeconds(3).toNanos())).isTrue();
    assertThat(stat.settledBefore(listed, Duration.ofSeconds(4).toNanos())).as("changed 4 s before").isFalse();
    assertThat(new FileStat(1, 23_000_000_000L, 10_000_000_000L, 1, 1)
        .settledBefore(listed, Duration.ofSeconds(3).toNanos())).as("modified 1 s before").isFalse();
  }

  @Test
  void damagedCacheFile_givesTheSameIdentities_withoutFailing_andIsReplaced() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    Map<String, String> expected = run(caches).identities();
    Path file = cacheFile();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);

    Run damaged = run(caches);
    Run next = run(caches);

    assertThat(damaged.identities()).isEqualTo(expected);
    assertThat(damaged.hits()).isZero();
    assertThat(damaged.note()).hasValueSatisfying(n -> assertThat(n).contains("ignored", "checksum"));
    assertThat(next.hits()).as("rewritten by the run that ignored it").isEqualTo(3);
  }

  @Test
  void truncatedOrGarbageCacheFile_isIgnored() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    Map<String, String> expected = run(caches).identities();
    Path file = cacheFile();
    byte[] bytes = Files.readAllBytes(file);

    for (byte[] damaged : List.of(java.util.Arrays.copyOf(bytes, bytes.length - 7), new byte[0],
        "not a cache".getBytes(StandardCharsets.UTF_8))) {
      Files.write(file, damaged);
      try (DirectorySnapshot snapshot = new DirectorySnapshot(project, caches)) {
        assertThat(identities(snapshot.files(""))).isEqualTo(expected);
        assertThat(snapshot.cache().hits()).isZero();
      }
    }
  }

  @Test
  void cacheDirectoryIs0700_andItsFiles0600() throws Exception {
    run(caches(SETTLED));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDirectory.resolve("fingerprints"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDirectory))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile()))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(cacheDirectory.resolve("fingerprints"))) {
      assertThat(files).as("no temporary file left").hasSize(1);
    }
  }

  @Test
  void cacheFileWritableByOthers_isNotTrusted() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    run(caches);
    Files.setPosixFilePermissions(cacheFile(), PosixFilePermissions.fromString("rw-rw-rw-"));

    Run second = run(caches);

    assertThat(second.hits()).isZero();
    assertThat(second.note()).hasValueSatisfying(n -> assertThat(n).contains("writable by others"));
  }

  @Test
  void cacheFileOfAnotherProjectDirectory_isNotUsed() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    run(caches);
    Path other = Files.createDirectories(directory.resolve("other"));
    Files.writeString(other.resolve("README.md"), "readme");
    try (DirectorySnapshot snapshot = new DirectorySnapshot(other, caches)) {
      identities(snapshot.files(""));
    }
    Files.copy(cacheFile(other), cacheFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Run second = run(caches);

    assertThat(second.hits()).isZero();
    assertThat(second.note()).hasValueSatisfying(n -> assertThat(n).contains("another project"));
  }

  @Test
  void unwritableCacheLocation_meansNoCache_notAFailure() throws Exception {
    project();
    Path notADirectory = Files.writeString(directory.resolve("a-file"), "x");
    FingerprintCaches caches = new FingerprintCaches(Optional.of(notADirectory.resolve("cache")), SETTLED);

    run(caches);
    Run second = run(caches);

    assertThat(second.identities()).isEqualTo(onDisk());
    assertThat(second.hits()).isZero();
  }

  @Test
  void noCache_hashesEveryFile() throws Exception {
    project();
    Run second = run(FingerprintCaches.none());

    assertThat(second.identities()).isEqualTo(onDisk());
    assertThat(second.fingerprinted()).isZero();
  }

  @Test
  void concurrentWriters_leaveAWholeCache_thatTellsOnlyTrueFingerprints() throws Exception {
    project();
    for (int i = 0; i < 40; i++) {
      write("many/file-" + i, "content " + i);
    }
    FingerprintCaches caches = caches(SETTLED);
    Map<String, String> expected = onDisk();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Map<String, String>>> runs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        // Each run its own snapshot and cache instance, as separate processes have; they save as they close.
        String subtree = i % 3 == 0 ? "" : i % 3 == 1 ? "many" : "src";
        Callable<Map<String, String>> run = () -> {
          try (DirectorySnapshot snapshot = new DirectorySnapshot(project, caches)) {
            return identities(snapshot.files(subtree));
          }
        };
        runs.add(pool.submit(run));
      }
      for (Future<Map<String, String>> run : runs) {
        assertThat(expected).containsAllEntriesOf(run.get());
      }
    } finally {
      pool.shutdownNow();
    }

    Run after = run(caches);

    assertThat(after.note()).isEmpty();
    assertThat(after.identities()).isEqualTo(expected);
    assertThat(after.hits()).isPositive();
    try (Stream<Path> files = Files.list(cacheDirectory.resolve("fingerprints"))) {
      assertThat(files).as("no temporary file left").hasSize(1);
    }
  }

  @Test
  void cacheLocation_fromDappCacheDir_elseXdgCacheHome_elseHome() {
    assertThat(location(Map.of("DAPP_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x", "HOME", "/h")))
        .isEqualTo(Path.of("/c/fingerprints"));
    assertThat(location(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"))).isEqualTo(Path.of("/x/dapp/fingerprints"));
    assertThat(location(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")))
        .isEqualTo(Path.of("/h/.cache/dapp/fingerprints"));
    assertThat(location(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.cache/dapp/fingerprints"));
  }

  private static Path location(Map<String, String> variables) {
    return new FingerprintCaches(new io.dapp.adapters.env.SystemEnvironment(variables)).directory().orElseThrow();
  }

  @Test
  void fileChangedWhileRead_isNotLearned() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    try (DirectorySnapshot snapshot = new DirectorySnapshot(project(), caches)) {
      SourceFile file = snapshot.files("README.md").get(0);
      Content content = file.content().orElseThrow();
      try (InputStream in = content.open()) {
        byte[] start = in.readNBytes(2);
        Files.writeString(project.resolve("README.md"), "READ" + "me");
        byte[] rest = in.readAllBytes();
        content.hashedWhole(Digests.sha256((new String(start, StandardCharsets.UTF_8)
            + new String(rest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
      }
    }

    try (DirectorySnapshot snapshot = new DirectorySnapshot(project, caches)) {
      assertThat(identities(snapshot.files("README.md"))).isEqualTo(Map.of("README.md",
          Digests.sha256("READme").toString()));
      assertThat(snapshot.cache().hits()).isZero();
    }
  }

  @Test
  void partlyReadFile_isNotLearned() throws Exception {
    FingerprintCaches caches = caches(SETTLED);
    try (DirectorySnapshot snapshot = new DirectorySnapshot(project(), caches)) {
      try (InputStream in = snapshot.files("README.md").get(0).content().orElseThrow().open()) {
        in.readNBytes(3);
      }
    }

    assertThat(Files.exists(cacheDirectory.resolve("fingerprints"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(run(caches).hits()).isZero();
  }
}
