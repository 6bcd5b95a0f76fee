package io.dapp.domain.build;

import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.PathGlob;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ImagePaths;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The layer a {@code git} entry makes: the selected files under {@code to}, with every parent directory,
 * sorted by path. {@link GitFiles} names all of it for the git stages' signatures.
 */
record GitLayerContent(List<LayerEntry> entries, int fileCount) {

  GitLayerContent {
    entries = List.copyOf(entries);
  }

  static GitLayerContent of(GitMapping mapping, List<SourceFile> files, Ownership owner, String subject)
      throws InvalidInputException, OperationFailedException {
    List<PathGlob> include = mapping.includePaths().stream().map(PathGlob::of).toList();
    List<PathGlob> exclude = mapping.excludePaths().stream().map(PathGlob::of).toList();
    String source = mapping.sourceDirectory();
    String target = mapping.targetDirectory();
    // Sorted by path: a parent directory always sorts before what is in it.
    TreeMap<String, LayerEntry> entries = new TreeMap<>();
    int fileCount = 0;
    boolean singleFile = false;
    for (SourceFile file : files) {
      String relative = relativeTo(source, file.path());
      // A single file added: the globs see its name, and it becomes 'to' itself.
      String matched = relative.isEmpty() ? file.path().substring(file.path().lastIndexOf('/') + 1) : relative;
      if (!selected(matched, include, exclude)) {
        continue;
      }
      String path = ImagePaths.join(target, relative);
      if (path.isEmpty()) {
        throw new InvalidInputException(subject + ": git add " + mapping.add() + " is a file: 'to' must name a file, not /");
      }
      entries.put(path, entry(path, file, owner));
      fileCount++;
      singleFile |= relative.isEmpty();
      addParents(entries, path, target, owner);
    }
    if (!singleFile && !target.isEmpty()) {
      // 'to' exists in the image even when the globs select nothing, as a directory of the owner.
      entries.putIfAbsent(target, LayerEntry.directory(target, owner.uid(), owner.gid()));
      addParents(entries, target, target, owner);
    }
    List<LayerEntry> sorted = List.copyOf(entries.values());
    return new GitLayerContent(sorted, fileCount);
  }

  private static String relativeTo(String directory, String path) {
    if (directory.isEmpty()) {
      return path;
    }
    return path.equals(directory) ? "" : path.substring(directory.length() + 1);
  }

  private static boolean selected(String path, List<PathGlob> include, List<PathGlob> exclude) {
    boolean included = include.isEmpty() || include.stream().anyMatch(g -> g.matches(path));
    return included && exclude.stream().noneMatch(g -> g.matches(path));
  }

  private static LayerEntry entry(String path, SourceFile file, Ownership owner) {
    return switch (file.kind()) {
      case FILE, EXECUTABLE -> LayerEntry.file(path, file.kind() == SourceFile.Kind.EXECUTABLE, owner.uid(),
          owner.gid(), file.size(), file.content().orElseThrow());
      case SYMLINK -> LayerEntry.symlink(path, file.linkTarget().orElseThrow(), owner.uid(), owner.gid());
    };
  }

  /** Directories below 'to' belong to the owner; those above it (/opt for /opt/app) to root. */
  static void addParents(TreeMap<String, LayerEntry> entries, String path, String target, Ownership owner) {
    int slash = path.lastIndexOf('/');
    while (slash > 0) {
      String directory = path.substring(0, slash);
      boolean owned = target.isEmpty() || directory.equals(target) || directory.startsWith(target + "/");
      entries.putIfAbsent(directory, LayerEntry.directory(directory, owned ? owner.uid() : 0, owned ? owner.gid() : 0));
      slash = directory.lastIndexOf('/');
    }
  }

  /** Whether anything at all was selected; an empty layer still creates 'to'. */
  Optional<String> emptyWarning(GitMapping mapping) {
    return fileCount == 0
        ? Optional.of("git " + mapping.add() + " -> " + mapping.to() + " selects no files")
        : Optional.empty();
  }
}
