package io.dapp.domain.build;

import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.PathGlob;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's files as the git entries put them in the image now: every entry's layer content, merged
 * (a path two entries name is the later one's), and the digest of all of it, which names this state of
 * the files in the git stages' signatures and labels.
 */
record GitFiles(List<GitMapping> mappings, List<GitLayerContent> contents, Map<String, LayerEntry> byPath,
    Map<String, ContentFingerprint> identities, Digest digest) {

  GitFiles {
    mappings = List.copyOf(mappings);
    contents = List.copyOf(contents);
    byPath = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
    identities = Map.copyOf(identities);
  }

  /** Each file's identity is found once: known to the source, or hashed when it knows none. */
  static GitFiles of(List<GitMapping> mappings, List<GitLayerContent> contents) throws OperationFailedException {
    TreeMap<String, LayerEntry> merged = new TreeMap<>();
    contents.forEach(content -> content.entries().forEach(entry -> merged.put(entry.path(), entry)));
    Map<String, ContentFingerprint> identities = new java.util.HashMap<>();
    for (LayerEntry entry : merged.values()) {
      if (entry.content().isPresent()) {
        identities.put(entry.path(), EntriesDigest.identity(entry, "the project"));
      }
    }
    List<LayerEntry> entries = List.copyOf(merged.values());
    return new GitFiles(mappings, contents, merged, identities, EntriesDigest.of(entries, identities));
  }

  /** What names the bytes of the file at {@code path}. */
  ContentFingerprint identity(String path) {
    return identities.get(path);
  }

  /** Every entry, sorted by path (a directory before what is in it). */
  List<LayerEntry> entries() {
    return List.copyOf(byPath.values());
  }

  int fileCount() {
    return contents.stream().mapToInt(GitLayerContent::fileCount).sum();
  }

  /** Whether any entry names files whose change rebuilds {@code stage}. */
  boolean hasDependencies(UserStage stage) {
    return mappings.stream().anyMatch(mapping -> !mapping.dependencies(stage).isEmpty());
  }

  /**
   * The digest of the files the entries' {@code stageDependencies} name for {@code stage} (paths, modes and
   * what their bytes are): a change to any of them changes it, a change elsewhere does not.
   */
  Digest dependencies(UserStage stage) throws OperationFailedException {
    List<LayerEntry> matched = new ArrayList<>();
    for (int i = 0; i < mappings.size(); i++) {
      GitMapping mapping = mappings.get(i);
      List<PathGlob> globs = mapping.dependencies(stage).stream().map(PathGlob::of).toList();
      if (globs.isEmpty()) {
        continue;
      }
      String target = mapping.targetDirectory();
      for (LayerEntry entry : contents.get(i).entries()) {
        if (entry.kind() == LayerEntry.Kind.DIRECTORY) {
          continue;
        }
        String relative = target.isEmpty() ? entry.path()
            : entry.path().equals(target) ? entry.path().substring(entry.path().lastIndexOf('/') + 1)
            : entry.path().startsWith(target + "/") ? entry.path().substring(target.length() + 1) : null;
        if (relative != null && globs.stream().anyMatch(glob -> glob.matches(relative))) {
          matched.add(entry);
        }
      }
    }
    return EntriesDigest.of(matched, identities);
  }
}
