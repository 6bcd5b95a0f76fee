package io.dapp.domain.error;

/**
 * Text from outside (an argument, a file, a registry's answer) quoted in an error message. Messages are
 * one line that a terminal or a CI log shows as it is: line breaks and other control characters (an
 * escape sequence could rewrite the log) are written as escapes, and very long text is cut.
 */
public final class UserText {

  /** Enough to recognise the input; the rest only makes the line longer. */
  public static final int MAX_QUOTED = 200;

  private UserText() {}

  /** {@code text} in single quotes, safe to put in a one-line message. */
  public static String quote(String text) {
    return "'" + escape(text) + "'";
  }

  /** {@code text} with control characters escaped ({@code \n}, {@code \u001b}) and cut after {@link #MAX_QUOTED}. */
  public static String escape(String text) {
    return escape(text, MAX_QUOTED);
  }

  /** A whole message with any control character escaped: what is printed is one line, whatever slipped in. */
  public static String oneLine(String message) {
    return escape(message, Integer.MAX_VALUE);
  }

  /**
   * Whether a terminal, log viewer or CI page might not show {@code c} as one visible character of one line:
   * C0 and C1 controls (ESC starts sequences that rewrite a log; U+0085 is a line break to some viewers),
   * the Unicode line and paragraph separators, and the bidirectional overrides that reorder what is shown.
   */
  public static boolean breaksTheLine(int c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  /** Whether {@code message} can be printed as it is: no character of it {@link #breaksTheLine breaks the line}. */
  public static boolean isOneLine(String message) {
    return message.chars().noneMatch(UserText::breaksTheLine);
  }

  /**
   * Text from a server or a helper in one line: runs of white space (line breaks of an HTML error page,
   * tabs) become one space; any other control character is left for {@link #oneLine} to escape.
   */
  public static String squeezeWhitespace(String text) {
    return text == null ? "" : text.replaceAll("[ \\t\\n\\x0B\\f\\r]+", " ").strip();
  }

  private static String escape(String text, int limit) {
    if (text == null) {
      return "null";
    }
    int shown = Math.min(text.length(), limit);
    StringBuilder out = new StringBuilder(shown + 8);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (breaksTheLine(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (text.length() > shown) {
      out.append("...(").append(text.length() - shown).append(" more characters)");
    }
    return out.toString();
  }
}
