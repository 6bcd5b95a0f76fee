package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.error.UserText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code errors} a registry returns with a failure ({@code {"errors":[{"code":..,"message":..}]}}),
 * reduced to one line for a user. A body that is not that JSON is shown as short plain text.
 */
record RegistryErrors(List<Entry> entries, String plainText) {

  record Entry(String code, String message) {}

  private static final int PLAIN_TEXT_LIMIT = 200;
  /** A registry may send thousands of errors; a user reads the first few. */
  private static final int SUMMARY_LIMIT = 500;

  RegistryErrors {
    entries = List.copyOf(entries);
  }

  static RegistryErrors none() {
    return new RegistryErrors(List.of(), "");
  }

  static RegistryErrors parse(byte[] body) {
    if (body.length == 0) {
      return none();
    }
    try {
      JsonNode errors = Json.tree(body).get("errors");
      if (errors != null && errors.isArray()) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode error : errors) {
          entries.add(new Entry(nullToEmpty(Json.text(error, "code")), nullToEmpty(Json.text(error, "message"))));
        }
        return new RegistryErrors(entries, "");
      }
    } catch (IOException | RuntimeException e) {
      // Not the registry error format (an HTML page from a proxy, say): fall through to plain text.
    }
    // Escaped before it is cut, so that the escapes count towards the limit.
    String text = shown(new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " "));
    return new RegistryErrors(List.of(), text.length() > PLAIN_TEXT_LIMIT ? text.substring(0, PLAIN_TEXT_LIMIT) + "..." : text);
  }

  boolean has(String code) {
    return entries.stream().anyMatch(e -> e.code().equals(code));
  }

  /** {@code CODE: message; CODE: message}, or the plain text, or {@code fallback} when the body said nothing. */
  String summary(String fallback) {
    if (!entries.isEmpty()) {
      String all = entries.stream()
          .map(e -> e.message().isEmpty() ? e.code() : e.code().isEmpty() ? e.message() : e.code() + ": " + e.message())
          .map(RegistryErrors::shown)
          .collect(Collectors.joining("; "));
      return all.length() > SUMMARY_LIMIT
          ? all.substring(0, SUMMARY_LIMIT) + "... (" + entries.size() + " errors in all)" : all;
    }
    return plainText.isEmpty() ? fallback : plainText;
  }

  /** The registry's words as a message shows them: one line, escaped, so that a limit counts what is printed. */
  private static String shown(String text) {
    return UserText.oneLine(UserText.squeezeWhitespace(text));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
