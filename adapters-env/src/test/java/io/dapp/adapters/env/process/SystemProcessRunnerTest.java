package io.dapp.adapters.env.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProcessRunnerTest {

  @TempDir
  Path root;

  private final SystemProcessRunner runner = new SystemProcessRunner();

  @Test
  void run_feedsStandardInput_andKeepsTheStreamsApart() throws Exception {
    Path script = script("read -r line; echo \"out:$1:$line\"; echo \"err:$line\" >&2; exit 3");

    ProcessOutput output = runner.run(script, List.of("get"), "registry.example.com\n", Duration.ofSeconds(10));

    assertThat(output.exitStatus()).isEqualTo(3);
    assertThat(output.succeeded()).isFalse();
    assertThat(output.standardOutput()).isEqualTo("out:get:registry.example.com\n");
    assertThat(output.standardError()).isEqualTo("err:registry.example.com\n");
    assertThat(output.toString()).doesNotContain("registry.example.com");
  }

  @Test
  void run_ofAProgramThatIgnoresItsInput_stillSucceeds() throws Exception {
    Path script = script("exit 0");

    ProcessOutput output = runner.run(script, List.of(), "x".repeat(1 << 20), Duration.ofSeconds(10));

    assertThat(output.succeeded()).isTrue();
  }

  @Test
  void run_killsAProgramThatOverrunsItsTimeout() throws Exception {
    Path marker = root.resolve("still-running");
    Path script = script("sleep 2; touch " + marker);

    assertThatThrownBy(() -> runner.run(script, List.of(), "", Duration.ofMillis(200)))
        .isInstanceOf(ProcessTimeoutException.class)
        .hasMessage("did not finish within 200 ms");
    Thread.sleep(2500);
    assertThat(marker).doesNotExist();
  }

  @Test
  void run_ofAMissingProgram_isAnIOException() {
    assertThatThrownBy(() -> runner.run(root.resolve("missing"), List.of(), "", Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class);
  }

  private Path script(String body) throws IOException {
    Path script = Files.writeString(root.resolve("script-" + System.nanoTime()), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void run_withAnEnvironment_givesTheProgramExactlyThoseVariables() throws Exception {
    Path script = script("echo \"$DOCKER_CONFIG:${HOME-unset}\"");

    ProcessOutput output = runner.run(script, List.of(), "", Duration.ofSeconds(10),
        java.util.Map.of("DOCKER_CONFIG", "/tmp/dapp-config", "PATH", "/usr/bin:/bin"));

    assertThat(output.standardOutput()).isEqualTo("/tmp/dapp-config:unset\n");
  }
}
