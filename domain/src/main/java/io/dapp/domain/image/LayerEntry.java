package io.dapp.domain.image;

import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a layer tar: its path in the image (relative, {@code app/bin/run}), kind, permission bits
 * and numeric owner. No timestamps: every entry of a dapp layer has the same fixed mtime.
 */
public record LayerEntry(String path, Kind kind, int mode, int uid, int gid, Optional<String> linkTarget, long size,
    Optional<Content> content) {

  public enum Kind { DIRECTORY, FILE, SYMLINK }

  public LayerEntry {
    Objects.requireNonNull(path, "'path' must not be null");
    Objects.requireNonNull(kind, "'kind' must not be null");
    Objects.requireNonNull(linkTarget, "'linkTarget' must not be null");
    Objects.requireNonNull(content, "'content' must not be null");
    String problem = ImagePaths.relativeProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException("layer entry " + UserText.quote(path) + ": " + problem);
    }
    if ((mode & ~07777) != 0) {
      throw new IllegalArgumentException("layer entry " + UserText.quote(path) + ": mode " + Integer.toOctalString(mode)
          + " has more than permission bits");
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("layer entry " + UserText.quote(path) + ": uid and gid must not be negative");
    }
    if ((kind == Kind.SYMLINK) != linkTarget.isPresent()) {
      throw new IllegalArgumentException("layer entry " + UserText.quote(path) + ": only a symlink has a link target");
    }
    if ((kind == Kind.FILE) != content.isPresent() || size < 0 || (kind != Kind.FILE && size != 0)) {
      throw new IllegalArgumentException("layer entry " + UserText.quote(path) + ": only a file has content and a size");
    }
  }

  public static LayerEntry directory(String path, int uid, int gid) {
    return new LayerEntry(path, Kind.DIRECTORY, 0755, uid, gid, Optional.empty(), 0, Optional.empty());
  }

  public static LayerEntry file(String path, boolean executable, int uid, int gid, long size, Content content) {
    return new LayerEntry(path, Kind.FILE, executable ? 0755 : 0644, uid, gid, Optional.empty(), size,
        Optional.of(content));
  }

  public static LayerEntry symlink(String path, String target, int uid, int gid) {
    return new LayerEntry(path, Kind.SYMLINK, 0777, uid, gid, Optional.of(target), 0, Optional.empty());
  }
}
