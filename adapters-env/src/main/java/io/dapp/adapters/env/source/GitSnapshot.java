package io.dapp.adapters.env.source;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Content;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The tree of one commit. Files keep git's mode (644 or 755) and symlinks their target, and are fingerprinted
 * by their blob id; submodules (gitlinks) have no content in this repository and are left out.
 */
final class GitSnapshot implements ProjectSnapshot {

  private final Repository repository;
  private final RevCommit commit;

  GitSnapshot(Repository repository, RevCommit commit) {
    this.repository = repository;
    this.commit = commit;
  }

  @Override
  public Optional<String> commit() {
    return Optional.of(commit.getName());
  }

  @Override
  public List<SourceFile> files(String path) throws OperationFailedException {
    List<SourceFile> files = new ArrayList<>();
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(repository, reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      if (!path.isEmpty()) {
        walk.setFilter(PathFilter.create(path));
      }
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        ObjectId id = walk.getObjectId(0);
        String file = walk.getPathString();
        if (mode == FileMode.SYMLINK) {
          files.add(SourceFile.symlink(file, new String(reader.open(id).getBytes(), StandardCharsets.UTF_8)));
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
          // The tree's blob id names the bytes exactly: signatures use it, and read the blob only to build.
          ObjectId blob = id.copy();
          files.add(SourceFile.file(file, mode == FileMode.EXECUTABLE_FILE, size, Content.fingerprinted(
              ContentFingerprint.gitBlob(blob.getName()), () -> repository.open(blob, Constants.OBJ_BLOB).openStream())));
        }
      }
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + (path.isEmpty() ? "the files" : path) + " at commit "
          + commit.getName() + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(SourceFile::path));
    return files;
  }

  @Override
  public Optional<String> originUrl() {
    String url = repository.getConfig().getString("remote", "origin", "url");
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
  }

  @Override
  public Optional<Path> workTree() {
    return repository.isBare() ? Optional.empty() : Optional.of(repository.getWorkTree().toPath().toAbsolutePath());
  }

  @Override
  public void close() {
    repository.close();
  }
}
