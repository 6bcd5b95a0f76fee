package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * skopeo, the independent reader and writer of images the end-to-end tests check dapp against. A run that
 * fails (or hangs for a minute) fails the test, with skopeo's error output in the message.
 */
final class Skopeo {

  private Skopeo() {}

  /** Runs {@code skopeo args...}; returns its standard output. */
  static String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    // Errors to a file, not merged into the output: warnings on stderr must not spoil the JSON on stdout.
    Path errors = Files.createTempFile("skopeo", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + Files.readString(errors)).isZero();
      return out;
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  /** Runs skopeo and reads its output as JSON ({@code inspect}). */
  static JsonNode json(String... args) throws Exception {
    return new ObjectMapper().readTree(run(args));
  }
}
