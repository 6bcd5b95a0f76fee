package io.dapp.adapters.env.rootfs;

import io.dapp.domain.image.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Walks a root filesystem (never following a symlink) and turns what it finds into layer entries. */
final class TreeWalk {

  private TreeWalk() {}

  /**
   * Every path under {@code top} (relative, without {@code top} itself) with its stat, sorted so that a
   * directory comes right before its content. Mount points (another device: {@code /proc} left mounted) are
   * listed but not entered.
   */
  static TreeMap<String, FileStat> walk(Path top, NativeCalls calls) throws IOException {
    TreeMap<String, FileStat> result = new TreeMap<>(TreeWalk::compare);
    long device = FileStat.read(top, calls).device();
    walk(top, "", device, calls, result);
    return result;
  }

  private static void walk(Path directory, String relative, long device, NativeCalls calls,
      Map<String, FileStat> result) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        names.add(child.getFileName().toString());
      }
    }
    Collections.sort(names);
    for (String name : names) {
      Path child = directory.resolve(name);
      String path = relative.isEmpty() ? name : relative + "/" + name;
      FileStat stat = FileStat.read(child, calls);
      result.put(path, stat);
      if (stat.isDirectory() && stat.device() == device) {
        walk(child, path, device, calls, result);
      }
    }
  }

  /** Path order in which a directory's content follows it directly: segment by segment. */
  static int compare(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x == '/') {
          return -1;
        }
        if (y == '/') {
          return 1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** The entry for {@code path} as it is now; empty for a socket (a tar cannot hold one). */
  static Optional<LayerEntry> entry(String path, Path host, FileStat stat) {
    LayerEntry.Kind kind;
    switch (stat.format()) {
      case Metadata.S_IFDIR -> kind = LayerEntry.Kind.DIRECTORY;
      case Metadata.S_IFREG -> kind = LayerEntry.Kind.FILE;
      case Metadata.S_IFLNK -> kind = LayerEntry.Kind.SYMLINK;
      case Metadata.S_IFIFO -> kind = LayerEntry.Kind.FIFO;
      case Metadata.S_IFCHR -> kind = LayerEntry.Kind.CHAR_DEVICE;
      case Metadata.S_IFBLK -> kind = LayerEntry.Kind.BLOCK_DEVICE;
      default -> {
        return Optional.empty();
      }
    }
    boolean device = kind == LayerEntry.Kind.CHAR_DEVICE || kind == LayerEntry.Kind.BLOCK_DEVICE;
    return Optional.of(new LayerEntry(path, kind, kind == LayerEntry.Kind.SYMLINK ? 0777 : stat.mode(), stat.uid(),
        stat.gid(), Optional.ofNullable(stat.linkTarget()), kind == LayerEntry.Kind.FILE ? stat.size() : 0,
        kind == LayerEntry.Kind.FILE ? Optional.of(() -> open(host)) : Optional.empty(), stat.mtime().toInstant(),
        stat.xattrs(), device ? new LayerEntry.Device(NativeCalls.major(stat.rdev()), NativeCalls.minor(stat.rdev()))
            : LayerEntry.Device.NONE));
  }

  private static InputStream open(Path host) throws IOException {
    return Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * {@code entries} in tar order (a directory before its content, an opaque marker right after its
   * directory), with the files that share an inode written once: the first name a file, the later ones hard
   * links to it.
   */
  static List<LayerEntry> ordered(List<LayerEntry> entries, Map<String, FileStat> stats) {
    List<LayerEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(LayerEntry::path, TreeWalk::compare)
        .thenComparing(entry -> entry.kind() == LayerEntry.Kind.OPAQUE));
    Map<String, String> firstNames = new HashMap<>();
    List<LayerEntry> result = new ArrayList<>(sorted.size());
    for (LayerEntry entry : sorted) {
      FileStat stat = stats.get(entry.path());
      if (entry.kind() == LayerEntry.Kind.FILE && stat != null && stat.links() > 1) {
        String inode = stat.device() + ":" + stat.inode();
        String first = firstNames.putIfAbsent(inode, entry.path());
        if (first != null) {
          result.add(new LayerEntry(entry.path(), LayerEntry.Kind.HARDLINK, entry.mode(), entry.uid(), entry.gid(),
              Optional.of(first), 0, Optional.empty(), entry.mtime(), List.of(), LayerEntry.Device.NONE));
          continue;
        }
      }
      result.add(entry);
    }
    return result;
  }
}
