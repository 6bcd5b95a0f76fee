package io.dapp.adapters.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} as RFC 9110 defines it, not with a regular expression: a header may
 * hold several challenges, and quoted values may contain commas ({@code scope="repository:a:pull,push"}),
 * escaped quotes and backslashes. Several header lines are the same as one joined with commas. Anything
 * that does not parse ends the parse; what was read until then is kept.
 */
final class WwwAuthenticate {

  private final String text;
  private int position;

  private WwwAuthenticate(String text) {
    this.text = text;
  }

  static List<Challenge> parse(List<String> headerValues) {
    return parse(String.join(", ", headerValues));
  }

  static List<Challenge> parse(String header) {
    return new WwwAuthenticate(header == null ? "" : header).challenges();
  }

  private List<Challenge> challenges() {
    List<Challenge> challenges = new ArrayList<>();
    while (true) {
      skipSeparators();
      String scheme = token();
      if (scheme.isEmpty()) {
        return challenges;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      readParameters(parameters);
      challenges.add(new Challenge(scheme, parameters));
    }
  }

  /** Reads {@code name=value} pairs until the next token is a new scheme (a token not followed by '='). */
  private void readParameters(Map<String, String> parameters) {
    while (true) {
      int mark = position;
      skipSeparators();
      int nameStart = position;
      String name = token();
      if (name.isEmpty()) {
        position = mark;
        return;
      }
      skipSpaces();
      if (!peek('=')) {
        // A token without '=' begins the next challenge (or is a token68, which registries do not use).
        position = nameStart;
        return;
      }
      position++;
      skipSpaces();
      String value = peek('"') ? quotedString() : token();
      parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }
  }

  private String token() {
    int start = position;
    while (position < text.length() && isTokenChar(text.charAt(position))) {
      position++;
    }
    return text.substring(start, position);
  }

  private String quotedString() {
    StringBuilder value = new StringBuilder();
    position++; // opening quote
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && position < text.length()) {
        c = text.charAt(position++);
      }
      value.append(c);
    }
    return value.toString(); // unterminated: keep what there is
  }

  private void skipSpaces() {
    while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
      position++;
    }
  }

  private void skipSeparators() {
    while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t'
        || text.charAt(position) == ',')) {
      position++;
    }
  }

  private boolean peek(char expected) {
    return position < text.length() && text.charAt(position) == expected;
  }

  /** RFC 9110 tchar, plus '/' so that a token68-ish realm without quotes is still read whole. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
  }
}
