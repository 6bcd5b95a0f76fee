package io.dapp.adapters.env.source;

import io.dapp.domain.model.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One project directory's fingerprints, like git's index: per file, its stat and the SHA-256 of its bytes,
 * trusted only while every stat field is the same. Entries are learned from reads the build makes anyway,
 * and only for files that were settled before the read began (see {@link FileStat#settledBefore}).
 *
 * <p>A cache is a help, never a requirement: a file that is missing, damaged, of another user or writable
 * by others is ignored (every file is hashed), and one that cannot be written is not. It is replaced whole
 * (a temporary file renamed over it), so concurrent runs never see or leave half a file; the last one wins.
 */
final class FingerprintCache {

  static final String SUFFIX = ".fingerprints";

  /** Past this the least recently used entries go (about 100 bytes each, plus the path). */
  static final int MAX_ENTRIES = 50_000;
  /** A cache file larger than this is not read; none is written larger than this. */
  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
  /** Past this many project files, the least recently used ones go. */
  static final int MAX_FILES = 200;
  /** Covers file systems with 2-second timestamps (FAT) and the kernel's coarse clock. */
  static final long RACY_MARGIN_NANOS = Duration.ofSeconds(3).toNanos();
  private static final Duration ABANDONED_TEMPORARY = Duration.ofHours(1);

  private final Optional<Path> file;
  private final String root;
  private final Clock clock;
  private final OptionalLong owner;
  private final Map<String, CachedFingerprint> stored;
  private final LinkedHashMap<String, CachedFingerprint> used = new LinkedHashMap<>();
  private final Optional<String> problem;
  private boolean changed;
  private int hits;

  private FingerprintCache(Optional<Path> file, String root, Clock clock, OptionalLong owner,
      Map<String, CachedFingerprint> stored, Optional<String> problem) {
    this.file = file;
    this.root = root;
    this.clock = clock;
    this.owner = owner;
    this.stored = stored;
    this.problem = problem;
  }

  static FingerprintCache disabled(Clock clock) {
    return new FingerprintCache(Optional.empty(), "", clock, OptionalLong.empty(), Map.of(), Optional.empty());
  }

  /** Reads {@code file}, or starts empty when it is absent or cannot be trusted. */
  static FingerprintCache load(Path file, String root, Clock clock) {
    OptionalLong uid = CurrentUser.uid();
    if (uid.isEmpty()) {
      return disabled(clock);
    }
    Map<String, CachedFingerprint> stored = Map.of();
    Optional<String> problem = Optional.empty();
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        checkTrusted(file.getParent(), true, uid.getAsLong());
        checkTrusted(file, false, uid.getAsLong());
        if (Files.size(file) > MAX_FILE_BYTES) {
          throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
        }
        stored = FingerprintCacheFile.decode(root, Files.readAllBytes(file));
      }
    } catch (IOException | FingerprintCacheFile.DamagedException e) {
      problem = Optional.of("fingerprint cache " + file + " ignored: " + e.getMessage());
      stored = Map.of();
    }
    return new FingerprintCache(Optional.of(file), root, clock, uid, stored, problem);
  }

  /** A directory or file that only this user can change, not reached through a link. */
  private static void checkTrusted(Path path, boolean directory, long uid) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    boolean kind = directory ? Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
        : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    if (!kind) {
      throw new IOException("not a " + (directory ? "directory" : "regular file"));
    }
    if (((Number) attributes.get("uid")).longValue() != uid) {
      throw new IOException("owned by another user");
    }
    if ((((Number) attributes.get("mode")).intValue() & 0022) != 0) {
      throw new IOException("writable by others");
    }
  }

  /** Why the stored cache was not used, if it was not (for --debug). */
  Optional<String> problem() {
    return problem;
  }

  Instant now() {
    return clock.instant();
  }

  /** The SHA-256 of the file at {@code path} when the cache has it for exactly this stat. */
  synchronized Optional<Digest> lookup(String path, FileStat stat) {
    CachedFingerprint entry = used.get(path);
    if (entry == null) {
      entry = stored.get(path);
    }
    if (entry == null || !entry.stat().equals(stat)) {
      return Optional.empty();
    }
    used.put(path, entry);
    hits++;
    return Optional.of(entry.sha256());
  }

  /**
   * Learns that the file at {@code path}, listed with stat {@code listed} at {@code listedAt}, read from its
   * start to its end, has the SHA-256 {@code sha256}; {@code after} is its stat once read. Kept only when the
   * file did not change meanwhile and had settled before it was listed (the read began after that).
   */
  synchronized void record(String path, FileStat listed, Instant listedAt, FileStat after, Digest sha256) {
    if (file.isEmpty() || !listed.equals(after) || !listed.settledBefore(listedAt, RACY_MARGIN_NANOS)) {
      return;
    }
    CachedFingerprint entry = new CachedFingerprint(listed, sha256);
    if (!entry.equals(used.get(path))) {
      used.put(path, entry);
      changed = !entry.equals(stored.get(path)) || changed;
    }
  }

  /** How many files were fingerprinted from the cache (for tests). */
  synchronized int hits() {
    return hits;
  }

  /**
   * Writes what was learned, the entries used this run first; failures are ignored (the next run hashes
   * again). A run that learned nothing only marks the file as recently used.
   */
  synchronized void save() {
    if (file.isEmpty() || owner.isEmpty()) {
      return;
    }
    Path target = file.get();
    Path directory = target.getParent();
    try {
      if (!changed) {
        if (hits > 0 && problem.isEmpty()) {
          Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
        }
        return;
      }
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      checkTrusted(directory, true, owner.getAsLong());
      write(target, FingerprintCacheFile.encode(root, bounded()));
      prune(directory, target);
    } catch (IOException | RuntimeException e) {
      // An unwritable or full cache directory only means no cache.
    }
  }

  private Map<String, CachedFingerprint> bounded() {
    LinkedHashMap<String, CachedFingerprint> all = new LinkedHashMap<>(used);
    stored.forEach(all::putIfAbsent);
    LinkedHashMap<String, CachedFingerprint> kept = new LinkedHashMap<>();
    long bytes = 0;
    for (Map.Entry<String, CachedFingerprint> entry : all.entrySet()) {
      bytes += 4 + entry.getKey().length() * 3L + 5 * 8 + 32;
      if (kept.size() == MAX_ENTRIES || bytes > MAX_FILE_BYTES - 4096) {
        break;
      }
      kept.put(entry.getKey(), entry.getValue());
    }
    return kept;
  }

  private static void write(Path target, byte[] content) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(temporary, content);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Keeps at most {@link #MAX_FILES} project files, and removes temporary files a killed run left. */
  private void prune(Path directory, Path kept) throws IOException {
    List<Path> caches = new ArrayList<>();
    Instant abandoned = clock.instant().minus(ABANDONED_TEMPORARY);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          caches.add(entry);
        } else if (name.startsWith(".") && name.endsWith(".tmp")
            && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(abandoned)) {
          Files.deleteIfExists(entry);
        }
      }
    }
    if (caches.size() <= MAX_FILES) {
      return;
    }
    caches.sort(Comparator.comparing(FingerprintCache::lastModified).reversed());
    for (Path old : caches.subList(MAX_FILES, caches.size())) {
      if (!old.equals(kept)) {
        Files.deleteIfExists(old);
      }
    }
  }

  private static FileTime lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  @Override
  public String toString() {
    return "FingerprintCache[" + file.map(Path::toString).orElse("none") + "]";
  }
}
