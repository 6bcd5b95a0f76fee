package io.dapp.domain.port;

import io.dapp.domain.error.UserText;
import io.dapp.domain.image.Content;
import io.dapp.domain.image.ImagePaths;
import java.util.Objects;
import java.util.Optional;

/**
 * A file of the project: its path relative to the repository root, whether it is executable, and its
 * bytes; or a symlink and its target. Git's two file modes (644 and 755) are all a file has.
 */
public record SourceFile(String path, Kind kind, long size, Optional<String> linkTarget, Optional<Content> content) {

  public enum Kind { FILE, EXECUTABLE, SYMLINK }

  public SourceFile {
    Objects.requireNonNull(path, "'path' must not be null");
    Objects.requireNonNull(kind, "'kind' must not be null");
    Objects.requireNonNull(linkTarget, "'linkTarget' must not be null");
    Objects.requireNonNull(content, "'content' must not be null");
    String problem = ImagePaths.relativeProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException("source file " + UserText.quote(path) + ": " + problem);
    }
    if ((kind == Kind.SYMLINK) != linkTarget.isPresent() || (kind == Kind.SYMLINK) == content.isPresent()) {
      throw new IllegalArgumentException("source file " + UserText.quote(path) + ": a symlink has a target, a file has content");
    }
  }

  public static SourceFile file(String path, boolean executable, long size, Content content) {
    return new SourceFile(path, executable ? Kind.EXECUTABLE : Kind.FILE, size, Optional.empty(),
        Optional.of(content));
  }

  public static SourceFile symlink(String path, String target) {
    return new SourceFile(path, Kind.SYMLINK, 0, Optional.of(target), Optional.empty());
  }
}
