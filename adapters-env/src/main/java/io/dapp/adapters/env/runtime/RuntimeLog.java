package io.dapp.adapters.env.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI runtime's own log ({@code --log FILE --log-format json}, as runc and crun write it: one object per
 * line with {@code level} and {@code msg}), where its errors go apart from the container's output.
 */
final class RuntimeLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** More than any runtime error; a log is read only when the runtime failed. */
  private static final long MAX_BYTES = 1 << 20;

  private RuntimeLog() {}

  /** The first error the runtime logged, if any. */
  static Optional<String> firstError(Path log) {
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      long read = 0;
      String line;
      while ((line = reader.readLine()) != null && read < MAX_BYTES) {
        read += line.length() + 1;
        Optional<String> error = error(line);
        if (error.isPresent()) {
          return error;
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // An unreadable log tells nothing; the caller falls back on the runtime's output.
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> error(String line) {
    try {
      JsonNode entry = JSON.readTree(line);
      if (entry == null || !entry.isObject()) {
        return Optional.empty();
      }
      String level = entry.path("level").asText("");
      String message = entry.path("msg").asText("").strip();
      return (level.equals("error") || level.equals("fatal")) && !message.isEmpty()
          ? Optional.of(message)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
