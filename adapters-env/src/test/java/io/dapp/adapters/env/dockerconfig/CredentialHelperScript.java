package io.dapp.adapters.env.dockerconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A real credential helper, {@code docker-credential-test}, as a shell script: it answers per server URL
 * read from standard input, so tests run the whole protocol (process, stdin, JSON answer, exit status).
 */
final class CredentialHelperScript {

  static final String NAME = "test";
  static final String PASSWORD = "helper-s3cret-password";
  static final String IDENTITY_TOKEN = "helper-refresh-token";

  private CredentialHelperScript() {
  }

  /** Writes the helper into {@code directory} and returns its path. */
  static Path installIn(Path directory) throws IOException {
    String script = """
        #!/bin/sh
        [ "$1" = "get" ] || { echo "unexpected action $1" >&2; exit 2; }
        read -r server
        case "$server" in
          registry.example.com|https://index.docker.io/v1/)
            printf '{"ServerURL":"%s","Username":"alice","Secret":"PASSWORD"}' "$server" ;;
          token.example.com)
            printf '{"ServerURL":"%s","Username":"<token>","Secret":"IDENTITY_TOKEN"}' "$server" ;;
          empty-secret.example.com)
            printf '{"ServerURL":"%s","Username":"alice","Secret":""}' "$server" ;;
          malformed.example.com)
            printf '{"Username":"alice","Secret":"PASSWORD"' ;;
          failing.example.com)
            echo "keychain is locked" >&2; exit 1 ;;
          slow.example.com)
            exec sleep 30 ;;
          *)
            echo "credentials not found in native keychain"; exit 1 ;;
        esac
        """.replace("IDENTITY_TOKEN", IDENTITY_TOKEN).replace("PASSWORD", PASSWORD);
    Path helper = directory.resolve("docker-credential-" + NAME);
    Files.writeString(helper, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    return helper;
  }
}
