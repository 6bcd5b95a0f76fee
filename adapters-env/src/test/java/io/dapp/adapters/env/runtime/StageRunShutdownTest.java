package io.dapp.adapters.env.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.adapters.env.process.ProcessIdentity;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.testing.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command stopped with SIGINT or SIGTERM while its stage runs leaves nothing of the stage: no process
 * (the stage's own, or one it started), no run directory, no container in the runtime's state, no cgroup.
 */
@Timeout(180)
class StageRunShutdownTest {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir
  Path temporary;

  private Path tmp;
  private Path root;
  private Process holder;

  @BeforeEach
  void createRoot() throws Exception {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    tmp = Files.createDirectory(temporary.resolve("tmp"));
    root = BusyboxRoot.create(Files.createDirectory(temporary.resolve("root")));
  }

  @AfterEach
  void stopHolder() {
    if (holder != null) {
      holder.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"OCI, INT, 130", "OCI, TERM, 143", "CHROOT, INT, 130", "CHROOT, TERM, 143"})
  void aSignalledCommand_killsItsStage_andRemovesAllTheRunSetUp(Isolation isolation, String signal, int exit)
      throws Exception {
    holder = ChildProcesses.withDefaultSignals(List.of(ChildProcesses.java(), "-cp",
            System.getProperty("java.class.path"), StageRunHolder.class.getName(), isolation.name(), tmp.toString(),
            root.toString()))
        .redirectErrorStream(true)
        .redirectOutput(temporary.resolve("holder.log").toFile())
        .start();
    awaitLine("started");
    // "started" comes once both sleeps are started, not once the backgrounded shell has exec'd its own.
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (holder.descendants().map(process -> commandLine(process.pid())).noneMatch("sleep 1001"::equals)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<ProcessHandle> stage = holder.descendants().toList();
    List<ProcessIdentity> identities = stage.stream().map(ProcessIdentity::of).toList();
    assertThat(stage.stream().map(process -> commandLine(process.pid())))
        .as("the stage's processes, seen from the host").contains("sleep 1000", "sleep 1001");
    List<Path> cgroups = isolation == Isolation.OCI ? cgroupsOf(sleeping(stage, "sleep 1000")) : List.of();
    Path runDirectory = onlyEntry(tmp);
    List<String> containers = isolation == Isolation.OCI ? runtimeList(runDirectory.resolve("state")) : List.of();
    if (isolation == Isolation.OCI) {
      assertThat(containers).as("the runtime's containers while the stage runs").hasSize(1);
      assertThat(cgroups).as("the container's cgroups").isNotEmpty()
          .allSatisfy(cgroup -> assertThat(cgroup).isDirectory());
    }

    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(holder.pid())).start();

    assertThat(kill.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(holder.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(holder.exitValue()).as(log()).isEqualTo(exit);
    assertThat(identities).noneMatch(ProcessIdentity::isRunning);
    assertThat(tmp).isEmptyDirectory();
    assertThat(StageRunnersTest.mountsUnder(root)).isEmpty();
    if (isolation == Isolation.OCI) {
      assertThat(runtimeList(runDirectory.resolve("state"))).isEmpty();
      assertThat(cgroups).allSatisfy(cgroup -> assertThat(cgroup).doesNotExist());
    }
  }

  private void awaitLine(String line) throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(holder.isAlive()).as("holder running: " + log()).isTrue();
      if (log().lines().anyMatch(line::equals)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the stage never said " + line + ": " + log());
  }

  private String log() {
    try {
      return Files.readString(temporary.resolve("holder.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static Path onlyEntry(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      List<Path> all = entries.toList();
      assertThat(all).as("run directories in " + directory).hasSize(1);
      return all.get(0);
    }
  }

  private static ProcessHandle sleeping(List<ProcessHandle> processes, String commandLine) {
    return processes.stream().filter(process -> commandLine(process.pid()).equals(commandLine)).findFirst()
        .orElseThrow();
  }

  /** The cgroup directories (v1 controllers and v2) a process is in. */
  private static List<Path> cgroupsOf(ProcessHandle process) throws IOException {
    List<Path> directories = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "cgroup"))) {
      String[] fields = line.split(":", 3);
      String controller = fields[1].isEmpty() ? "unified" : fields[1].replace("name=", "");
      Path directory = Path.of("/sys/fs/cgroup", controller, fields[2]);
      if (!fields[2].equals("/") && Files.isDirectory(directory)) {
        directories.add(directory);
      }
    }
    return directories;
  }

  /** {@code runc --root STATE list -q}: the ids of the containers in that state directory. */
  private static List<String> runtimeList(Path state) throws Exception {
    Process list = new ProcessBuilder("runc", "--root", state.toString(), "list", "-q")
        .redirectErrorStream(true).start();
    String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor();
    return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ').strip();
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "";
    }
  }
}
