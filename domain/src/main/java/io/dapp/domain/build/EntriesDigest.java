package io.dapp.domain.build;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Content;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The digest of what a layer's entries are — paths, kinds, modes, owners, link targets, sizes and what names
 * each file's bytes — for a stage's signature. Not their mtimes: the same files made again are the same.
 */
final class EntriesDigest {

  private EntriesDigest() {}

  /** @param from where the bytes are read, for a message: {@code the project}, {@code artifact 'assets'} */
  static Digest of(List<LayerEntry> entries, String from) throws OperationFailedException {
    Map<String, ContentFingerprint> identities = new HashMap<>();
    for (LayerEntry entry : entries) {
      if (entry.content().isPresent()) {
        identities.put(entry.path(), identity(entry, from));
      }
    }
    return of(entries, identities);
  }

  /** The digest of {@code entries} whose files' bytes are named by {@code identities} (by path). */
  static Digest of(List<LayerEntry> entries, Map<String, ContentFingerprint> identities) {
    MessageDigest all = Digests.newSha256();
    for (LayerEntry entry : entries) {
      String header = entry.kind() + " " + entry.path() + " " + Integer.toOctalString(entry.mode()) + " "
          + entry.uid() + ":" + entry.gid() + " " + entry.linkTarget().orElse("") + " " + entry.size() + "\n";
      all.update(header.getBytes(StandardCharsets.UTF_8));
      if (entry.content().isPresent()) {
        all.update(identities.get(entry.path()).toString().getBytes(StandardCharsets.UTF_8));
        all.update((byte) '\n');
      }
    }
    return Digests.of(all);
  }

  /**
   * What names the entry's bytes: the fingerprint the source knows (git's blob id, a SHA-256 its cache
   * vouches for) without reading a byte, else the SHA-256 of the bytes. Both name their kind, and a SHA-256
   * fingerprint reads exactly as the hash would, so a cache hit and a miss sign alike.
   */
  static ContentFingerprint identity(LayerEntry entry, String from) throws OperationFailedException {
    Content content = entry.content().orElseThrow();
    Optional<ContentFingerprint> known = content.fingerprint();
    if (known.isPresent()) {
      return known.get();
    }
    Digest hashed = contentDigest(entry, from);
    content.hashedWhole(hashed);
    return ContentFingerprint.sha256(hashed);
  }

  static Digest contentDigest(LayerEntry entry, String from) throws OperationFailedException {
    MessageDigest hasher = Digests.newSha256();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = entry.content().orElseThrow().open()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        hasher.update(buffer, 0, n);
        total += n;
      }
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + entry.path() + " from " + from + ": " + e.getMessage(), e);
    }
    if (total != entry.size()) {
      throw new OperationFailedException(from + "'s " + entry.path() + " changed while dapp read it");
    }
    return Digests.of(hasher);
  }
}
