package io.dapp.domain.image;

import io.dapp.domain.error.UserText;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a layer tar: its path in the image (relative, {@code app/bin/run}), kind, permission bits
 * (with setuid, setgid and sticky), numeric owner, modification time and extended attributes.
 *
 * <p>Besides files, directories and symlinks, a layer made from a stage's changes holds hard links (to an
 * entry earlier in the same layer), device nodes and FIFOs a command created, and the two deletion markers
 * of the OCI layer format: a {@link Kind#WHITEOUT} deletes {@code path} from the layers below (written as
 * {@code .wh.NAME}), an {@link Kind#OPAQUE} directory hides everything the layers below have in it
 * (written as {@code DIR/.wh..wh..opq} after the directory itself).
 */
public record LayerEntry(String path, Kind kind, int mode, int uid, int gid, Optional<String> linkTarget, long size,
    Optional<Content> content, Instant mtime, List<Xattr> xattrs, Device device) {

  /** The mtime of every entry dapp makes from files that have no time of their own (git): reproducible. */
  public static final Instant FIXED_MTIME = Instant.EPOCH;

  public enum Kind { DIRECTORY, FILE, SYMLINK, HARDLINK, FIFO, CHAR_DEVICE, BLOCK_DEVICE, WHITEOUT, OPAQUE }

  /** An extended attribute ({@code security.capability}); its value is bytes, not text. */
  public record Xattr(String name, byte[] value) {

    public Xattr {
      Objects.requireNonNull(name, "'name' must not be null");
      value = Objects.requireNonNull(value, "'value' must not be null").clone();
      if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('=') >= 0 || !name.contains(".")) {
        throw new IllegalArgumentException("extended attribute name " + UserText.quote(name)
            + " is not NAMESPACE.NAME");
      }
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Xattr that && name.equals(that.name) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return name + "=" + value.length + " bytes";
    }
  }

  /** The major and minor number of a device node; {@link #NONE} for every other kind. */
  public record Device(int major, int minor) {

    public static final Device NONE = new Device(0, 0);

    public Device {
      if (major < 0 || minor < 0) {
        throw new IllegalArgumentException("device numbers must not be negative: " + major + ", " + minor);
      }
    }
  }

  public LayerEntry {
    Objects.requireNonNull(path, "'path' must not be null");
    Objects.requireNonNull(kind, "'kind' must not be null");
    Objects.requireNonNull(linkTarget, "'linkTarget' must not be null");
    Objects.requireNonNull(content, "'content' must not be null");
    Objects.requireNonNull(mtime, "'mtime' must not be null");
    Objects.requireNonNull(device, "'device' must not be null");
    // Sorted, so that the same attributes always give the same tar.
    xattrs = xattrs.stream().sorted(Comparator.comparing(Xattr::name)).toList();
    String problem = ImagePaths.relativeProblem(path);
    if (problem != null) {
      throw invalid(path, problem);
    }
    if ((mode & ~07777) != 0) {
      throw invalid(path, "mode " + Integer.toOctalString(mode) + " has more than permission bits");
    }
    if (uid < 0 || gid < 0) {
      throw invalid(path, "uid and gid must not be negative");
    }
    boolean linked = kind == Kind.SYMLINK || kind == Kind.HARDLINK;
    if (linked != linkTarget.isPresent()) {
      throw invalid(path, "only a symlink or hard link has a link target");
    }
    if (kind == Kind.HARDLINK) {
      String targetProblem = ImagePaths.relativeProblem(linkTarget.get());
      if (targetProblem != null) {
        throw invalid(path, "hard link target " + UserText.quote(linkTarget.get()) + ": " + targetProblem);
      }
    }
    if ((kind == Kind.FILE) != content.isPresent() || size < 0 || (kind != Kind.FILE && size != 0)) {
      throw invalid(path, "only a file has content and a size");
    }
    boolean deviceNode = kind == Kind.CHAR_DEVICE || kind == Kind.BLOCK_DEVICE;
    if (!deviceNode && !device.equals(Device.NONE)) {
      throw invalid(path, "only a device node has device numbers");
    }
    if (xattrs.stream().map(Xattr::name).distinct().count() != xattrs.size()) {
      throw invalid(path, "an extended attribute is given twice");
    }
    if (isMarker() && (mode != 0 || uid != 0 || gid != 0 || !xattrs.isEmpty())) {
      throw invalid(path, "a whiteout or opaque marker has no mode, owner or attributes");
    }
  }

  /** The entries dapp wrote before entries carried times, devices and attributes: fixed mtime, none of those. */
  public LayerEntry(String path, Kind kind, int mode, int uid, int gid, Optional<String> linkTarget, long size,
      Optional<Content> content) {
    this(path, kind, mode, uid, gid, linkTarget, size, content, FIXED_MTIME, List.of(), Device.NONE);
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

  /** {@code path} deleted: the layers below have it, the image made with this layer has not. */
  public static LayerEntry whiteout(String path) {
    return new LayerEntry(path, Kind.WHITEOUT, 0, 0, 0, Optional.empty(), 0, Optional.empty());
  }

  /** What the layers below have in the directory {@code path} is hidden; follows the directory's own entry. */
  public static LayerEntry opaque(String path) {
    return new LayerEntry(path, Kind.OPAQUE, 0, 0, 0, Optional.empty(), 0, Optional.empty());
  }

  /** A whiteout or opaque marker: a deletion, not a file of the image. */
  public boolean isMarker() {
    return kind == Kind.WHITEOUT || kind == Kind.OPAQUE;
  }

  /** This entry with {@code time} as its mtime (seconds; a tar header has no finer time). */
  public LayerEntry withMtime(Instant time) {
    return new LayerEntry(path, kind, mode, uid, gid, linkTarget, size, content,
        Instant.ofEpochSecond(time.getEpochSecond()), xattrs, device);
  }

  private static IllegalArgumentException invalid(String path, String problem) {
    return new IllegalArgumentException("layer entry " + UserText.quote(path) + ": " + problem);
  }
}
