package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dapp process, logged in by dapp and mid-command, is interrupted or terminated: its temporary
 * docker config must be gone. A SIGKILLed run cannot clean up; the next run sweeps what it left.
 */
class TemporaryConfigSurvivesNoSignalTest {

  @TempDir
  Path tmp;
  @TempDir
  Path home;

  private Process startPush() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SlowWorkDapp.class.getName(),
        "dimg", "push", "registry.myhost.com/web/backend", "--registry-username", "u", "--registry-password-stdin");
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("TMPDIR", tmp.toString());
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    process.getOutputStream().write("signal-test-password\n".getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    return process;
  }

  /** Waits for the work to start and returns the docker config it works with. */
  private static Path awaitWork(Process process) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("working-with ")) {
        return Path.of(line.substring("working-with ".length()));
      }
    }
    throw new AssertionError("dapp ended before its work started, exit " + process.waitFor());
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }

  private static int awaitExit(Process process) throws Exception {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dapp ended after the signal").isTrue();
    return process.exitValue();
  }

  @Test
  void sigterm_removesTheTemporaryConfig_andExits143() throws Exception {
    Process dapp = startPush();
    Path config = awaitWork(dapp);
    assertThat(config.getParent()).isEqualTo(tmp);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("config.json"))))
        .isEqualTo("rw-------");

    signal(dapp, "TERM");

    assertThat(awaitExit(dapp)).isEqualTo(143);
    assertThat(config).doesNotExist();
  }

  @Test
  void sigint_removesTheTemporaryConfig_andExits130() throws Exception {
    Process dapp = startPush();
    Path config = awaitWork(dapp);

    signal(dapp, "INT");

    assertThat(awaitExit(dapp)).isEqualTo(130);
    assertThat(config).doesNotExist();
  }

  @Test
  void sigkill_leavesTheConfig_whichTheNextRunSweeps() throws Exception {
    Process killed = startPush();
    Path leftover = awaitWork(killed);
    signal(killed, "KILL");
    awaitExit(killed);
    assertThat(leftover).exists();

    Process next = startPush();
    Path own = awaitWork(next);

    assertThat(leftover).doesNotExist();
    assertThat(own).exists();
    signal(next, "TERM");
    awaitExit(next);
    assertThat(Files.list(tmp).toList()).isEqualTo(List.of());
  }
}
