package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which project made a reference in the local image store. Stages are content-addressed and shared (two
 * clones of a project, or two projects on the same base image, give the same stage), so an image cannot say
 * whose it is; the store records it on the reference instead, as the annotation {@value #ANNOTATION} (in
 * the store's index, not in the image: images stay the same wherever they are built).
 *
 * <p>The value is where the project's git repository comes from: {@code remote.origin.url} without scheme,
 * credentials, port, query or {@code .git} ({@code gitlab.example.com/web/shop}), so every clone of a
 * project, over https or ssh, in any directory, is the same project; a project directory below the
 * repository's root is added after {@code #} ({@code gitlab.example.com/web/mono#services/api}). Without an
 * origin it is the project directory's absolute path.
 */
public record ProjectId(String value) {

  /** The annotation of a reference in the local store naming the project that made it. */
  public static final String ANNOTATION = "io.dapp.project";

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  
  public ProjectId {
    Objects.requireNonNull(value, "'value' must not be null");
    if (value.isBlank() || !UserText.isOneLine(value)) {
      throw new IllegalArgumentException("a project id is a non-blank line of text, not " + UserText.quote(value));
    }
  }

  /**
   * The project at {@code projectDirectory} (absolute), whose git work tree (if any) is at {@code workTree}
   * and was cloned from {@code originUrl} (if it was; the URL may hold credentials, which are dropped).
   */
  public static ProjectId of(Optional<String> originUrl, Optional<Path> workTree, Path projectDirectory) {
    Objects.requireNonNull(originUrl, "'originUrl' must not be null");
    Objects.requireNonNull(workTree, "'workTree' must not be null");
    Path directory = projectDirectory.toAbsolutePath().normalize();
    Optional<String> origin = originUrl.flatMap(ProjectId::withoutCredentials);
    if (origin.isEmpty()) {
      return new ProjectId(directory.toString());
    }
    String subdirectory = workTree.map(root -> root.toAbsolutePath().normalize())
        .filter(root -> directory.startsWith(root) && !directory.equals(root))
        .map(root -> root.relativize(directory).toString().replace('\\', '/'))
        .map(relative -> "#" + relative)
        .orElse("");
    return new ProjectId(origin.get() + subdirectory);
  }

  /** The annotations that record this project on a reference. */
  public Map<String, String> annotations() {
    return Map.of(ANNOTATION, value);
  }

  /** Whether a reference with these annotations was made by this project. */
  public boolean madeReferenceWith(Map<String, String> annotations) {
    return value.equals(annotations.get(ANNOTATION));
  }

  @Override
  public String toString() {
    return value;
  }

  /** {@code host/path} of a URL or scp-like address ({@code git@host:path}); a local path as it is. */
  static Optional<String> withoutCredentials(String url) {
    String text = url.trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String host;
    String path;
    java.util.regex.Matcher scheme = SCHEME.matcher(text);
    if (scheme.find()) {
      String rest = text.substring(scheme.end());
      if (text.regionMatches(true, 0, "file://", 0, 7)) {
        host = "";
        path = rest.substring(Math.max(0, rest.indexOf('/')));
      } else {
        int slash = rest.indexOf('/');
        host = hostOf(slash < 0 ? rest : rest.substring(0, slash));
        path = slash < 0 ? "" : rest.substring(slash);
      }
    } else if (isScpLike(text)) {
      int colon = text.indexOf(':');
      host = hostOf(text.substring(0, colon));
      path = text.substring(colon + 1);
    } else {
      host = "";
      path = text;
    }
    path = cut(cut(path, '?'), '#');
    if (!host.isEmpty()) {
      path = path.replaceAll("^/+", "");
    }
    path = path.replaceAll("/+$", "");
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4).replaceAll("/+$", "");
    }
    String id = host.isEmpty() ? path : path.isEmpty() ? host : host + "/" + path;
    return id.isBlank() || !UserText.isOneLine(id) ? Optional.empty() : Optional.of(id);
  }

  /** {@code user@host:path} (no {@code /} before the colon): what git and ssh read as host and path. */
  private static boolean isScpLike(String text) {
    int colon = text.indexOf(':');
    int slash = text.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }

  /** The host of an authority: user and password dropped, port dropped, lower case. */
  private static String hostOf(String authority) {
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? host : host.substring(0, end + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static String cut(String text, char at) {
    int index = text.indexOf(at);
    return index < 0 ? text : text.substring(0, index);
  }
}
