package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import java.util.regex.Pattern;

/**
 * A glob of {@code includePaths}/{@code excludePaths}, matched against a file's path relative to
 * {@code add} ({@code lib/util.rb}, no leading slash):
 * <ul>
 *   <li>{@code *} matches any characters but {@code /}; {@code ?} one character but {@code /};</li>
 *   <li>{@code **} matches any number of whole path segments, none included ({@code **}{@code /*.rb}
 *       matches {@code a.rb} and {@code x/y/a.rb});</li>
 *   <li>a glob that matches a directory matches everything under it ({@code lib} selects {@code lib/a.rb});</li>
 *   <li>a leading or trailing {@code /} is ignored; other characters match themselves.</li>
 * </ul>
 */
public final class PathGlob {

  private final String glob;
  private final Pattern pattern;

  private PathGlob(String glob) {
    this.glob = glob;
    this.pattern = Pattern.compile(toRegex(trim(glob)));
  }

  public static PathGlob of(String glob) {
    check(glob);
    return new PathGlob(glob);
  }

  static void check(String glob) {
    if (trim(glob).isEmpty()) {
      throw new IllegalArgumentException("glob " + UserText.quote(glob) + " is empty");
    }
    for (String segment : trim(glob).split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("glob " + UserText.quote(glob) + " must not contain '..'");
      }
    }
  }

  /** Whether {@code relativePath} or one of the directories it is in matches. */
  public boolean matches(String relativePath) {
    return pattern.matcher(relativePath).matches();
  }

  @Override
  public String toString() {
    return glob;
  }

  private static String trim(String glob) {
    return glob.replaceAll("^/+|/+$", "");
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        regex.append("(?:[^/]*/)*");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (c == '*') {
        regex.append("[^/]*");
        i++;
      } else if (c == '?') {
        regex.append("[^/]");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    // Matching a directory selects what is under it.
    return regex + "(?:/.*)?";
  }
}
