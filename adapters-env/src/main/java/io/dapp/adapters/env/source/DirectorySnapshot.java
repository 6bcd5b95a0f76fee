package io.dapp.adapters.env.source;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A project that is not a git work tree, read as it is on disk. Like git, it keeps only regular files
 * (644, or 755 when the owner may execute them) and symlinks (as links, never followed, so nothing
 * outside the project is read); empty directories, devices and sockets are left out. Its files' SHA-256
 * are remembered between runs in a {@link FingerprintCache}: an unchanged file is not read to sign a stage.
 */
final class DirectorySnapshot implements ProjectSnapshot {

  private final Path root;
  private final FingerprintCaches caches;
  private FingerprintCache cache;

  DirectorySnapshot(Path root, FingerprintCaches caches) {
    this.root = root.toAbsolutePath().normalize();
    this.caches = Objects.requireNonNull(caches, "'caches' must not be null");
  }

  /** Read when files are first listed: opening a snapshot only to learn the project's id reads no cache. */
  synchronized FingerprintCache cache() {
    if (cache == null) {
      cache = caches.open(root);
    }
    return cache;
  }

  @Override
  public Optional<String> commit() {
    return Optional.empty();
  }

  @Override
  public List<SourceFile> files(String path) throws OperationFailedException {
    Path start = root.resolve(path);
    if (path.isEmpty()) {
      start = root;
    } else if (throughSymlink(path)) {
      return List.of(); // the path leads out through a link: as if it did not exist
    }
    if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<SourceFile> files = new ArrayList<>();
    FingerprintCache fingerprints = cache();
    // Before any file is read: a file changed after this moment is never trusted from the cache.
    Instant listedAt = fingerprints.now();
    try (Stream<Path> walk = Files.walk(start)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        sourceFile(file, fingerprints, listedAt).ifPresent(files::add);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new OperationFailedException("cannot read " + start + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(SourceFile::path));
    return files;
  }

  /** Whether a directory on the way to {@code path} (not {@code path} itself) is a symlink. */
  private boolean throughSymlink(String path) {
    Path current = root;
    String[] segments = path.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      current = current.resolve(segments[i]);
      if (Files.isSymbolicLink(current)) {
        return true;
      }
    }
    return false;
  }

  private Optional<SourceFile> sourceFile(Path file, FingerprintCache fingerprints, Instant listedAt)
      throws IOException {
    String relative = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    if (Files.isSymbolicLink(file)) {
      return Optional.of(SourceFile.symlink(relative, Files.readSymbolicLink(file).toString()));
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    boolean executable = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
        .contains(PosixFilePermission.OWNER_EXECUTE);
    Optional<FileStat> stat = FileStat.of(file);
    if (stat.isEmpty()) {
      return Optional.of(SourceFile.file(relative, executable, Files.size(file), () -> Files.newInputStream(file)));
    }
    return Optional.of(SourceFile.file(relative, executable, stat.get().size(),
        new DirectoryContent(file, relative, stat.get(), listedAt, fingerprints)));
  }

  /** Why the fingerprint cache was not used, if it was read and was not (for --debug). */
  @Override
  public Optional<String> debugNote() {
    return cache == null ? Optional.empty() : cache.problem();
  }

  @Override
  public void close() {
    if (cache != null) {
      cache.save();
    }
  }
}
