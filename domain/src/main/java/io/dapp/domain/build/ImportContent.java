package io.dapp.domain.build;

import io.dapp.domain.dappfile.Import;
import io.dapp.domain.dappfile.PathGlob;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ImagePaths;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an import copies: the entries of the artifact at {@code add} that the globs select (a glob matching a
 * directory selects what is in it), under {@code to}, with the parent directories of each; owned by the
 * import's owner when it names one, else as in the artifact. Its digest names the content, not how the
 * artifact made it, so an artifact rebuilt to the same files changes nothing downstream.
 */
record ImportContent(Import imported, List<LayerEntry> entries, int fileCount, Digest digest) {

  ImportContent {
    entries = List.copyOf(entries);
  }

  /**
   * @param found what the artifact has at {@code add}: for a directory, the entries below it (paths
   *     relative to it); for a file, one entry named after it
   * @param addIsFile whether {@code add} named a file (it then becomes {@code to} itself)
   */
  static ImportContent of(Import imported, List<LayerEntry> found, boolean addIsFile, Optional<Ownership> owner,
      String artifact) throws OperationFailedException {
    List<PathGlob> include = imported.includePaths().stream().map(PathGlob::of).toList();
    List<PathGlob> exclude = imported.excludePaths().stream().map(PathGlob::of).toList();
    String target = imported.targetPath();
    TreeMap<String, LayerEntry> entries = new TreeMap<>();
    int files = 0;
    for (LayerEntry entry : found) {
      String matched = entry.path();
      boolean selected = (include.isEmpty() || include.stream().anyMatch(g -> g.matches(matched)))
          && exclude.stream().noneMatch(g -> g.matches(matched));
      // A directory the globs do not select still comes when something in it does (as its parent, below).
      if (!selected || (entry.kind() == LayerEntry.Kind.DIRECTORY && !include.isEmpty())) {
        continue;
      }
      String path = addIsFile ? target : ImagePaths.join(target, entry.path());
      if (path.isEmpty()) {
        throw new OperationFailedException(imported.describe() + ": it is a file, and 'to' must name a file, not /");
      }
      entries.put(path, moved(entry, path, owner));
      files += entry.kind() == LayerEntry.Kind.DIRECTORY ? 0 : 1;
    }
    // Parents: from the artifact where it has them below 'to', created (root's, 755) above it.
    TreeMap<String, LayerEntry> directories = new TreeMap<>();
    for (LayerEntry entry : found) {
      if (entry.kind() == LayerEntry.Kind.DIRECTORY) {
        directories.put(ImagePaths.join(target, entry.path()), entry);
      }
    }
    for (String path : new ArrayList<>(entries.keySet())) {
      for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        String parent = path.substring(0, slash);
        if (!entries.containsKey(parent)) {
          LayerEntry own = directories.get(parent);
          boolean below = !target.isEmpty() && (parent.equals(target) || parent.startsWith(target + "/"));
          entries.put(parent, own != null ? moved(own, parent, owner)
              : below ? owner.map(o -> LayerEntry.directory(parent, o.uid(), o.gid()))
                  .orElse(LayerEntry.directory(parent, 0, 0))
              : LayerEntry.directory(parent, 0, 0));
        }
      }
    }
    if (!addIsFile && !target.isEmpty() && !entries.containsKey(target)) {
      // 'to' exists in the image even when the globs select nothing, as a directory.
      entries.put(target, owner.map(o -> LayerEntry.directory(target, o.uid(), o.gid()))
          .orElse(LayerEntry.directory(target, 0, 0)));
    }
    List<LayerEntry> sorted = hardLinksMoved(List.copyOf(entries.values()), found, target, addIsFile);
    return new ImportContent(imported, sorted, files, EntriesDigest.of(sorted, "artifact '" + artifact + "'"));
  }

  private static LayerEntry moved(LayerEntry entry, String path, Optional<Ownership> owner) {
    return new LayerEntry(path, entry.kind(), entry.mode(), owner.map(Ownership::uid).orElse(entry.uid()),
        owner.map(Ownership::gid).orElse(entry.gid()), entry.linkTarget(), entry.size(), entry.content(),
        entry.mtime(), entry.xattrs(), entry.device());
  }

  /**
   * A hard link names another entry of the layer by its path: moved under {@code to} like it; when the globs
   * left that entry out, the link becomes the file itself (it is another name of the same bytes).
   */
  private static List<LayerEntry> hardLinksMoved(List<LayerEntry> entries, List<LayerEntry> found, String target,
      boolean addIsFile) {
    java.util.Map<String, LayerEntry> foundByPath = new java.util.HashMap<>();
    found.forEach(entry -> foundByPath.put(entry.path(), entry));
    java.util.Set<String> paths = new java.util.HashSet<>();
    entries.forEach(entry -> paths.add(entry.path()));
    List<LayerEntry> result = new ArrayList<>();
    for (LayerEntry entry : entries) {
      if (entry.kind() != LayerEntry.Kind.HARDLINK) {
        result.add(entry);
        continue;
      }
      String first = entry.linkTarget().orElseThrow();
      String linked = addIsFile ? target : ImagePaths.join(target, first);
      if (paths.contains(linked)) {
        result.add(new LayerEntry(entry.path(), entry.kind(), entry.mode(), entry.uid(), entry.gid(),
            Optional.of(linked), 0, Optional.empty(), entry.mtime(), entry.xattrs(), entry.device()));
      } else {
        LayerEntry file = foundByPath.get(first);
        result.add(new LayerEntry(entry.path(), LayerEntry.Kind.FILE, file.mode(), entry.uid(), entry.gid(),
            Optional.empty(), file.size(), file.content(), file.mtime(), file.xattrs(), LayerEntry.Device.NONE));
      }
    }
    return result;
  }
}
