package io.dapp.adapters.env.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory tree holds (each path's type, content or link target, mode, mtime), skipping one subtree. */
final class HostTree {

  private HostTree() {}

  static Map<String, String> describe(Path top, Path skipped) throws IOException {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(top)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.startsWith(skipped)) {
          continue;
        }
        String what;
        if (Files.isSymbolicLink(path)) {
          what = "link " + Files.readSymbolicLink(path);
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          what = "dir";
        } else {
          what = "file " + java.util.Arrays.hashCode(Files.readAllBytes(path));
        }
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        Object mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        result.put(top.relativize(path).toString(), what + " " + mode + " " + mtime);
      }
    }
    return result;
  }
}
