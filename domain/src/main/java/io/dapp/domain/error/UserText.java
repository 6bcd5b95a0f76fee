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
          if (Character.isISOControl(c)) {
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
