package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ImagePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A path of the image resolved inside a root filesystem on the host, as a process chrooted there would
 * resolve it: symlinks followed, an absolute target starting again from the root, {@code ..} never above
 * it. So a link in an image can never lead dapp to a host file (securejoin's semantics).
 */
public final class PathsInRoot {

  /** As the kernel's MAXSYMLINKS: a chain longer than this is a loop, or hostile. */
  static final int MAX_LINKS = 40;

  private PathsInRoot() {}

  /**
   * {@code path} (absolute, of the image) as a host path under {@code root} whose existing part holds no
   * symlink; the part that does not exist is appended as named.
   *
   * @throws OperationFailedException when the links go round more than {@link #MAX_LINKS} times
   */
  public static Path resolve(Path root, String path) throws IOException, OperationFailedException {
    Deque<String> pending = new ArrayDeque<>(segments(path));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String segment = pending.removeFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, resolved).resolve(segment);
      if (Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new OperationFailedException("too many symbolic links in the root filesystem resolving " + path);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetSegments = segments(target);
        for (int i = targetSegments.size() - 1; i >= 0; i--) {
          pending.addFirst(targetSegments.get(i));
        }
        continue;
      }
      resolved.add(segment);
    }
    return join(root, resolved);
  }

  /** Whether {@code path} resolves, inside {@code root}, to a regular file. */
  static boolean isFile(Path root, String path) throws OperationFailedException {
    try {
      return Files.isRegularFile(resolve(root, path), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new OperationFailedException("cannot look up " + path + " in the root filesystem: " + e.getMessage(), e);
    }
  }

  private static List<String> segments(String path) {
    return Arrays.asList(ImagePaths.stripSlashes(path).split("/+"));
  }

  private static Path join(Path root, List<String> segments) {
    Path path = root;
    for (String segment : segments) {
      path = path.resolve(segment);
    }
    return path;
  }
}
