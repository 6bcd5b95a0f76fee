package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.model.Repository;
import io.dapp.domain.testing.ChildProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real dapp process building a shell stage whose command never ends (it sleeps), logged in by dapp for the
 * base image, is interrupted or terminated: it exits with the signal's code, and nothing of the stage is
 * left: no process of the stage, no overlay mounted, no root filesystem or run directory on disk, no
 * temporary docker config, no stage in the store. Both isolations.
 */
class ShellStageSignalsTest {

  private static final String JOB_TOKEN = "signal-shell-job-token";

  @org.junit.jupiter.api.extension.RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("gitlab-ci-token", JOB_TOKEN));

  private static Repository base;

  @TempDir
  Path root;

  @BeforeAll
  static void baseImage() throws Exception {
    base = REGISTRY.newRepository();
    BusyboxImage.pushAsGitlabJob(REGISTRY.host(), JOB_TOKEN, base.withTag("1"));
  }

  @ParameterizedTest
  @CsvSource({"INT, 130, oci", "TERM, 143, oci", "INT, 130, chroot", "TERM, 143, chroot"})
  void aSignalMidStage_stopsTheStage_andLeavesNothingOfIt(String signal, int exitCode, String isolation)
      throws Exception {
    // Unique, so that a leftover process of this very stage can be told from any other sleep.
    String marker = Long.toString(System.nanoTime());
    Path project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), "dimg: app\nfrom: " + base.withTag("1") + "\nshell:\n"
        + "  install:\n  - echo started && sleep 1" + marker + "\n");
    Path store = root.resolve("store");
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    Path out = root.resolve("dapp.out");

    ProcessBuilder builder = ChildProcesses.withDefaultSignals(List.of(ChildProcesses.java(), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Dapp.class.getName(),
        "dimg", "build", "--dir", project.toString(), "--store", store.toString(), "--isolation", isolation));
    builder.environment().clear();
    builder.environment().putAll(Map.of("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin",
        "HOME", Files.createDirectories(root.resolve("home")).toString(), "TMPDIR", tmp.toString(),
        "CI_REGISTRY", REGISTRY.host().name(), "CI_JOB_TOKEN", JOB_TOKEN));
    builder.redirectErrorStream(true).redirectOutput(out.toFile());
    Process dapp = builder.start();

    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!Files.readString(out).contains("app/install | started")) {
      assertThat(dapp.isAlive()).as("dapp runs the stage: " + Files.readString(out)).isTrue();
      assertThat(Instant.now()).as("the stage started: " + Files.readString(out)).isBefore(deadline);
      Thread.sleep(20);
    }
    // The shell prints "started", then starts sleep: on a loaded machine the output can come first.
    while (sleepers(marker).isEmpty()) {
      assertThat(Instant.now()).as("the stage's sleep runs: " + Files.readString(out)).isBefore(deadline);
      Thread.sleep(20);
    }
    assertThat(mountsUnder(store)).as("the root filesystem is mounted (overlay) or not (copy)").hasSizeLessThan(2);

    new ProcessBuilder("kill", "-" + signal, Long.toString(dapp.pid())).start().waitFor();

    assertThat(dapp.waitFor(60, TimeUnit.SECONDS)).as("dapp ended after SIG" + signal).isTrue();
    assertThat(dapp.exitValue()).as(Files.readString(out)).isEqualTo(exitCode);
    assertThat(sleepers(marker)).as("processes of the stage").isEmpty();
    assertThat(mountsUnder(store)).as("mounts under the store").isEmpty();
    assertThat(mountsUnder(tmp)).as("mounts under TMPDIR").isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.toList()).as("run directories and temporary docker configs").isEmpty();
    }
    Path workspaces = store.resolve(".dapp-rootfs/tmp");
    if (Files.isDirectory(workspaces)) {
      try (Stream<Path> left = Files.list(workspaces)) {
        assertThat(left.toList()).as("root filesystem workspaces").isEmpty();
      }
    }
    // The base image's stage was stored before the install stage began; the install stage never was.
    assertThat(Files.readString(store.resolve("index.json")).split("\"dimgstage-", -1)).as("stages stored")
        .hasSize(2);
  }

  /** Processes whose command line is the stage's {@code sleep 1<marker>}. */
  private static List<Long> sleepers(String marker) throws Exception {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes.filter(path -> path.getFileName().toString().matches("[0-9]+")).filter(path -> {
        try {
          return new String(Files.readAllBytes(path.resolve("cmdline"))).replace('\0', ' ').trim()
              .equals("sleep 1" + marker);
        } catch (Exception gone) {
          return false;
        }
      }).map(path -> Long.parseLong(path.getFileName().toString())).toList();
    }
  }

  private static List<String> mountsUnder(Path directory) throws Exception {
    String prefix = directory.toRealPath().toString() + "/";
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4]).filter(point -> point.startsWith(prefix)).toList();
  }
}
