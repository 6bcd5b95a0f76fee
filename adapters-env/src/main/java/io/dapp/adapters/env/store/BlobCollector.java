package io.dapp.adapters.env.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.port.CollectedGarbage;
import io.dapp.domain.port.GarbageCollection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Garbage collection of an OCI image layout, under the store's lock so that no reference changes while it
 * runs. A blob goes when no entry of {@code index.json} reaches it and it was last written (or found by
 * {@code hasBlob}, which touches it) before the request's time; leftover temporary files go when they were
 * last written before it.
 *
 * <p>A writer in another process works without the lock until it tags: it writes blobs (each new, so
 * recent), or finds one present and touches it. So a blob is first moved aside, then its time is read
 * again: if it was touched in between it is moved back, and a touch after the move finds no blob (the
 * writer then writes it again). So a blob a writer found is never deleted under it; for the moment a blob
 * is aside, a writer looking for it finds it missing, and writes it again.
 */
final class BlobCollector {

  /** Manifests and indexes are small; a larger one is not something to follow. */
  private static final int MAX_MANIFEST = 4 * 1024 * 1024;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  /** Where a blob waits, moved aside, while its time is read again. */
  private static final String ASIDE_PREFIX = "collecting-";

  private final Path blobs;
  private final Path temporaries;
  private final Path index;
  private final StoreLock lock;
  private final ObjectMapper mapper;
  private final Consumer<Path> beforeMovingAside;

  BlobCollector(Path blobs, Path temporaries, Path index, StoreLock lock, ObjectMapper mapper) {
    this(blobs, temporaries, index, lock, mapper, blob -> { });
  }

  /** With {@code beforeMovingAside} run between a blob's two reads: a test's writer touches it there. */
  BlobCollector(Path blobs, Path temporaries, Path index, StoreLock lock, ObjectMapper mapper,
      Consumer<Path> beforeMovingAside) {
    this.blobs = blobs;
    this.temporaries = temporaries;
    this.index = index;
    this.lock = lock;
    this.mapper = mapper;
    this.beforeMovingAside = beforeMovingAside;
  }

  CollectedGarbage collect(GarbageCollection request) throws IOException {
    return lock.holding(() -> {
      Set<String> reachable = reachable(request.ignoring());
      Tally tally = new Tally();
      collectBlobs(reachable, request, tally);
      collectTemporaries(request, tally);
      return new CollectedGarbage(tally.blobs, tally.blobBytes, tally.temporaries, tally.temporaryBytes,
          tally.recent, tally.recentBytes);
    });
  }

  /** The hex digests every entry of index.json reaches, except the entries named in {@code ignoring}. */
  private Set<String> reachable(Set<String> ignoring) throws IOException {
    Set<String> reachable = new HashSet<>();
    Deque<Reached> manifests = new ArrayDeque<>();
    for (ObjectNode entry : IndexJson.parse(mapper, Files.readAllBytes(index)).entries()) {
      String name = IndexJson.nameOf(entry);
      if (name != null && ignoring.contains(name)) {
        continue;
      }
      String via = name == null ? "an unnamed entry of index.json" : "reference '" + name + "'";
      hexOf(entry).ifPresent(hex -> manifests.add(new Reached(hex, via)));
    }
    while (!manifests.isEmpty()) {
      Reached manifest = manifests.pop();
      if (!reachable.add(manifest.hex())) {
        continue;
      }
      JsonNode document = readManifest(manifest);
      if (document == null) {
        continue;
      }
      hexOf(document.path("config")).ifPresent(reachable::add);
      for (String list : new String[] {"layers", "blobs"}) {
        for (JsonNode descriptor : document.path(list)) {
          hexOf(descriptor).ifPresent(reachable::add);
        }
      }
      for (JsonNode layer : document.path("fsLayers")) {
        sha256Hex(layer.path("blobSum").asText("")).ifPresent(reachable::add);
      }
      for (JsonNode child : document.path("manifests")) {
        hexOf(child).ifPresent(hex -> manifests.add(new Reached(hex, manifest.via())));
      }
      hexOf(document.path("subject")).ifPresent(hex -> manifests.add(new Reached(hex, manifest.via())));
    }
    return reachable;
  }

  /** The manifest's JSON; null when its blob is missing (nothing to follow). Unreadable stops the collection. */
  private JsonNode readManifest(Reached manifest) throws IOException {
    byte[] content;
    try (InputStream in = Files.newInputStream(blobs.resolve(manifest.hex()))) {
      content = in.readNBytes(MAX_MANIFEST + 1);
    } catch (NoSuchFileException missing) {
      return null;
    }
    try {
      if (content.length > MAX_MANIFEST) {
        throw new IOException("larger than a manifest can be");
      }
      JsonNode document = mapper.readTree(content);
      if (document == null || !document.isObject()) {
        throw new IOException("not a JSON object");
      }
      return document;
    } catch (IOException e) {
      throw new UnreadableManifestException("manifest sha256:" + manifest.hex() + " of " + manifest.via()
          + " cannot be read (" + e.getMessage().lines().findFirst().orElse("") + "), so what it uses is unknown; "
          + "no blob was removed: remove that reference or build it again", e);
    }
  }

  private void collectBlobs(Set<String> reachable, GarbageCollection request, Tally tally) throws IOException {
    // Listed first: a blob put back while the directory is read could be listed, and counted, twice.
    for (Path blob : list(blobs)) {
      String hex = blob.getFileName().toString();
      if (!SHA256_HEX.matcher(hex).matches() || reachable.contains(hex)) {
        continue;
      }
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(blob, BasicFileAttributes.class);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (!attributes.isRegularFile()) {
        continue;
      }
      if (isRecent(attributes, request.writtenBefore())) {
        tally.recent(attributes.size());
      } else if (request.dryRun()) {
        tally.blob(attributes.size());
      } else {
        removeUnlessTouched(blob, hex, request.writtenBefore(), tally);
      }
    }
  }

  private void removeUnlessTouched(Path blob, String hex, Instant writtenBefore, Tally tally) throws IOException {
    Path aside = temporaries.resolve(ASIDE_PREFIX + hex);
    beforeMovingAside.accept(blob);
    try {
      Files.move(blob, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException gone) {
      return;
    }
    BasicFileAttributes attributes = Files.readAttributes(aside, BasicFileAttributes.class);
    if (isRecent(attributes, writtenBefore)) {
      // Found by a writer between the two reads: it will name it, so it stays (a copy written meanwhile
      // has the same bytes).
      Files.move(aside, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tally.recent(attributes.size());
      return;
    }
    Files.delete(aside);
    tally.blob(attributes.size());
  }

  /** Partial blobs and index files of runs that were killed: every file of the temporary directory. */
  private void collectTemporaries(GarbageCollection request, Tally tally) throws IOException {
    for (Path file : list(temporaries)) {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (!attributes.isRegularFile() || isRecent(attributes, request.writtenBefore())) {
        continue;
      }
      if (!request.dryRun()) {
        try {
          Files.delete(file);
        } catch (NoSuchFileException gone) {
          continue;
        }
      }
      tally.temporary(attributes.size());
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
      listing.forEach(files::add);
    }
    return files;
  }

  private static boolean isRecent(BasicFileAttributes attributes, Instant writtenBefore) {
    return !attributes.lastModifiedTime().toInstant().isBefore(writtenBefore);
  }

  private static Optional<String> hexOf(JsonNode descriptor) {
    return sha256Hex(descriptor.path("digest").asText(""));
  }

  /** Only sha256 blobs are collected; a descriptor with another algorithm reaches nothing here. */
  private static Optional<String> sha256Hex(String digest) {
    if (!digest.startsWith("sha256:")) {
      return Optional.empty();
    }
    String hex = digest.substring("sha256:".length());
    return SHA256_HEX.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
  }

  /** A reachable manifest that cannot be read: what it uses is unknown, so nothing may be removed. */
  static final class UnreadableManifestException extends IOException {
    UnreadableManifestException(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** A manifest to follow, and the reference it was reached from, for a message. */
  private record Reached(String hex, String via) {}

  private static final class Tally {
    int blobs;
    long blobBytes;
    int temporaries;
    long temporaryBytes;
    int recent;
    long recentBytes;

    void blob(long size) {
      blobs++;
      blobBytes += size;
    }

    void temporary(long size) {
      temporaries++;
      temporaryBytes += size;
    }

    void recent(long size) {
      recent++;
      recentBytes += size;
    }
  }
}
