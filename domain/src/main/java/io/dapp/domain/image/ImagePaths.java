package io.dapp.domain.image;

/**
 * Paths inside an image. Absolute paths ({@code /app}) are what a dappfile writes; relative ones
 * ({@code app/run}) are what a layer tar holds. Neither may climb out with {@code ..}.
 */
public final class ImagePaths {

  private ImagePaths() {}

  /** Why {@code path} is not a clean relative path ({@code a/b}), or null when it is one. */
  public static String relativeProblem(String path) {
    if (path.isEmpty()) {
      return "it is empty";
    }
    if (path.startsWith("/")) {
      return "it must be relative";
    }
    if (path.indexOf('\0') >= 0) {
      return "it contains a NUL character";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        return "it must not contain '..'";
      }
      if (segment.isEmpty() || segment.equals(".")) {
        return "it must not contain empty or '.' segments";
      }
    }
    return null;
  }

  /** Why {@code path} is not a clean absolute path ({@code /}, {@code /app}), or null when it is one. */
  public static String absoluteProblem(String path) {
    if (!path.startsWith("/")) {
      return "it must be absolute (start with /)";
    }
    String relative = stripSlashes(path);
    return relative.isEmpty() ? null : relativeProblem(relative);
  }

  /** {@code /app/} → {@code app}; {@code /} → the empty string. */
  public static String stripSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  /** Joins a relative directory (possibly empty, the root) and a relative path. */
  public static String join(String directory, String path) {
    if (directory.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? directory : directory + "/" + path;
  }
}
