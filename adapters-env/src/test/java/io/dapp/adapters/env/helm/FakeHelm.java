package io.dapp.adapters.env.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A {@code helm} shell script that records, while it runs, its arguments, its {@code DOCKER_CONFIG} (and
 * whether that directory exists), and the content and mode of the file after {@code --values}; then
 * prints a line and exits with the status it was given. Shared with the application's deploy tests.
 */
public final class FakeHelm {

  private final Path records;

  private FakeHelm(Path records) {
    this.records = records;
  }

  /** A helm that succeeds. */
  public static FakeHelm installIn(Path bin, Path records) throws IOException {
    return installIn(bin, records, 0, "");
  }

  /** A helm that exits with {@code exitStatus} after writing {@code stderr} to standard error. */
  public static FakeHelm installIn(Path bin, Path records, int exitStatus, String stderr) throws IOException {
    Files.createDirectories(bin);
    Files.createDirectories(records);
    String script = """
        #!/bin/sh
        R='RECORDS'
        for a in "$@"; do printf '%s\\n' "$a"; done > "$R/arguments"
        printf '%s' "${DOCKER_CONFIG-<unset>}" > "$R/docker_config"
        [ -d "$DOCKER_CONFIG" ] && echo yes > "$R/docker_config_existed"
        while [ $# -gt 0 ]; do
          if [ "$1" = "--values" ]; then
            cp "$2" "$R/values"; stat -c %a "$2" > "$R/values_mode"; printf '%s' "$2" > "$R/values_path"
          fi
          shift
        done
        echo 'Release has been upgraded. Happy Helming!'
        printf '%b' 'STDERR' >&2
        exit STATUS
        """.replace("RECORDS", records.toString()).replace("STDERR", stderr)
        .replace("STATUS", Integer.toString(exitStatus));
    Path helm = bin.resolve("helm");
    Files.writeString(helm, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwx------"));
    return new FakeHelm(records);
  }

  public boolean ran() {
    return Files.exists(records.resolve("arguments"));
  }

  public List<String> arguments() throws IOException {
    return Files.readAllLines(records.resolve("arguments"));
  }

  /** {@code <unset>} when helm ran without it. */
  public String dockerConfig() throws IOException {
    return Files.readString(records.resolve("docker_config"));
  }

  public boolean dockerConfigExistedWhileRunning() {
    return Files.exists(records.resolve("docker_config_existed"));
  }

  /** The values file's content, as helm could read it. */
  public String values() throws IOException {
    return Files.readString(records.resolve("values"));
  }

  /** The values file's mode in octal, e.g. {@code 600}. */
  public String valuesMode() throws IOException {
    return Files.readString(records.resolve("values_mode")).strip();
  }

  public Optional<Path> valuesPath() throws IOException {
    Path path = records.resolve("values_path");
    return Files.exists(path) ? Optional.of(Path.of(Files.readString(path))) : Optional.empty();
  }
}
