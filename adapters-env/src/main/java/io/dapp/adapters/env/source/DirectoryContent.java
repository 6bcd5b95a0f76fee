package io.dapp.adapters.env.source;

import io.dapp.domain.image.Content;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain directory's file. With its stat in the cache, its SHA-256 is its fingerprint, known without
 * reading it; otherwise whoever reads it whole (the signature's hashing) tells it the SHA-256, which the
 * cache learns as long as the file's stat stayed what it was when listed.
 */
final class DirectoryContent implements Content {

  private final Path file;
  private final String path;
  private final FileStat listed;
  private final Instant listedAt;
  private final FingerprintCache cache;
  private final Optional<ContentFingerprint> known;

  DirectoryContent(Path file, String path, FileStat listed, Instant listedAt, FingerprintCache cache) {
    this.file = Objects.requireNonNull(file, "'file' must not be null");
    this.path = Objects.requireNonNull(path, "'path' must not be null");
    this.listed = Objects.requireNonNull(listed, "'listed' must not be null");
    this.listedAt = Objects.requireNonNull(listedAt, "'listedAt' must not be null");
    this.cache = Objects.requireNonNull(cache, "'cache' must not be null");
    this.known = cache.lookup(path, listed).map(ContentFingerprint::sha256);
  }

  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public void hashedWhole(Digest sha256) {
    if (known.isPresent()) {
      return;
    }
    try {
      FileStat.of(file).ifPresent(after -> cache.record(path, listed, listedAt, after, sha256));
    } catch (IOException e) {
      // Gone or unreadable now: nothing learned.
    }
  }

  @Override
  public Optional<ContentFingerprint> fingerprint() {
    return known;
  }
}
