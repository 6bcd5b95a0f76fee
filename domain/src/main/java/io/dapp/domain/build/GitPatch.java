package io.dapp.domain.build;

import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.LayerContents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What turns the files an image's git stages hold into the project's files now: the added and changed
 * files (with the directories above them), and a whiteout for each file that is gone. Directories alone
 * are not compared: git has none of its own, and one left empty stays.
 */
record GitPatch(List<LayerEntry> entries, int changed, int deleted, long changedBytes) {

  GitPatch {
    entries = List.copyOf(entries);
  }

  boolean isEmpty() {
    return changed == 0 && deleted == 0;
  }

  /** {@code 3 files changed, 1 deleted}. */
  String summary() {
    return changed + (changed == 1 ? " file" : " files") + " changed" + (deleted == 0 ? "" : ", " + deleted
        + " deleted");
  }

  /**
   * @param before what the image's git layers hold, path by path (as {@link LayerContents} read them, or as
   *     this build wrote them)
   */
  static GitPatch between(Map<String, LayerContents.File> before, GitFiles now) {
    TreeMap<String, LayerEntry> entries = new TreeMap<>();
    int changed = 0;
    long bytes = 0;
    for (LayerEntry entry : now.byPath().values()) {
      if (entry.kind() == LayerEntry.Kind.DIRECTORY) {
        continue;
      }
      if (!same(before.get(entry.path()), entry, now)) {
        entries.put(entry.path(), entry);
        changed++;
        bytes += entry.size();
        for (int slash = entry.path().lastIndexOf('/'); slash > 0;
            slash = entry.path().lastIndexOf('/', slash - 1)) {
          String parent = entry.path().substring(0, slash);
          LayerEntry directory = now.byPath().get(parent);
          if (directory != null) {
            entries.putIfAbsent(parent, directory);
          }
        }
      }
    }
    // Whiteouts first: they delete from the layers below, and an applier that takes them in tar order must
    // not delete what this layer puts at the same path (a directory where a file was).
    TreeMap<String, LayerEntry> whiteouts = new TreeMap<>();
    for (LayerContents.File file : before.values()) {
      if (file.kind() == LayerEntry.Kind.DIRECTORY) {
        continue;
      }
      LayerEntry current = now.byPath().get(file.path());
      if (current == null || current.kind() == LayerEntry.Kind.DIRECTORY) {
        whiteouts.put(file.path(), LayerEntry.whiteout(file.path()));
      }
    }
    List<LayerEntry> all = new java.util.ArrayList<>(whiteouts.values());
    all.addAll(entries.values());
    return new GitPatch(all, changed, whiteouts.size(), bytes);
  }

  /** Whether what the image has at a path is what the project has there now. */
  private static boolean same(LayerContents.File before, LayerEntry now, GitFiles files) {
    if (before == null || before.kind() != now.kind() || before.mode() != now.mode() || before.uid() != now.uid()
        || before.gid() != now.gid() || !before.linkTarget().equals(now.linkTarget())) {
      return false;
    }
    if (now.kind() != LayerEntry.Kind.FILE) {
      return true;
    }
    if (before.size() != now.size()) {
      return false;
    }
    ContentFingerprint identity = files.identity(now.path());
    Optional<ContentFingerprint> comparable = identity.kind() == ContentFingerprint.Kind.GIT_BLOB_SHA1
        ? before.gitBlob() : before.sha256();
    return comparable.filter(identity::equals).isPresent();
  }

}
