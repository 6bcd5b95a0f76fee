package io.dapp.adapters.env.rootfs;

import io.dapp.domain.image.LayerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One path of a root filesystem as {@code lstat} and the no-follow attribute calls see it: everything that
 * tells whether it changed (a content rewritten with its mtime restored still moves ctime) and everything a
 * layer entry needs.
 */
record FileStat(int format, int mode, int uid, int gid, long size, FileTime mtime, FileTime ctime, long device,
    long inode, int links, long rdev, String linkTarget, List<LayerEntry.Xattr> xattrs) {

  private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ctime,dev,ino,nlink,rdev";

  static FileStat read(Path path, NativeCalls calls) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    int rawMode = (Integer) attributes.get("mode");
    int format = rawMode & Metadata.S_IFMT;
    String linkTarget = format == Metadata.S_IFLNK ? calls.readlink(path) : null;
    List<LayerEntry.Xattr> xattrs = new ArrayList<>();
    for (String name : calls.listXattrs(path)) {
      if (kept(name)) {
        byte[] value = calls.getXattr(path, name);
        if (value != null) {
          xattrs.add(new LayerEntry.Xattr(name, value));
        }
      }
    }
    xattrs.sort(java.util.Comparator.comparing(LayerEntry.Xattr::name));
    return new FileStat(format, rawMode & 07777, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"),
        (Long) attributes.get("size"), (FileTime) attributes.get("lastModifiedTime"),
        (FileTime) attributes.get("ctime"), (Long) attributes.get("dev"), (Long) attributes.get("ino"),
        (Integer) attributes.get("nlink"), (Long) attributes.get("rdev"), linkTarget, List.copyOf(xattrs));
  }

  /**
   * Attributes that are the file's, not the machine's: overlayfs's bookkeeping and the host's SELinux label
   * are left out (umoci leaves the label out too: it would carry the build machine's policy into the image).
   */
  static boolean kept(String xattr) {
    return !Metadata.isOverlayOwn(xattr) && !xattr.equals("security.selinux");
  }

  boolean isDirectory() {
    return format == Metadata.S_IFDIR;
  }

  boolean isRegular() {
    return format == Metadata.S_IFREG;
  }

  /** overlayfs's whiteout: a character device 0/0. */
  boolean isWhiteout() {
    return format == Metadata.S_IFCHR && rdev == 0;
  }

  /** Whether anything a layer would record, or a sign of a rewrite (ctime, inode), differs. */
  boolean differsFrom(FileStat other) {
    return !equals(other);
  }
}
