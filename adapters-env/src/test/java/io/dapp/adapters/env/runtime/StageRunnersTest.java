package io.dapp.adapters.env.runtime;

import static io.dapp.adapters.env.runtime.TestStageRunners.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.port.StageRunners.OutputSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a stage's process sees and what becomes of it, the same for both isolations: real runc, real unshare
 * and chroot, a busybox root. Needs root, as dapp does.
 */
@Timeout(120)
class StageRunnersTest {

  /**
   * CapEff/CapBnd of buildah's default capabilities: chown dac_override fowner fsetid kill setgid setuid setpcap
   * net_bind_service sys_chroot setfcap.
   */
  private static final String DEFAULT_CAPABILITIES = "00000000800405fb";

  @TempDir
  Path temporary;

  private Path root;
  private Path tmp;
  private IsolatedStageRunners runners;

  @BeforeEach
  void createRoot() throws Exception {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    root = BusyboxRoot.create(Files.createDirectory(temporary.resolve("root")));
    tmp = Files.createDirectory(temporary.resolve("tmp"));
    runners = TestStageRunners.create(tmp);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void linesArriveInOrder_whileTheProcessStillRuns(Isolation isolation) throws Exception {
    // The script waits for a file that the sink creates when it gets the first line: without streaming it would
    // wait in vain and say so.
    Path signal = root.resolve("tmp/first-line-received");
    RecordedLines output = new RecordedLines(line -> {
      if (line.equals("first")) {
        touch(signal);
      }
    });

    int status = run(isolation, NetworkMode.NONE, shell("echo first; printf 'second\\n'; "
        + waitFor("/tmp/first-line-received") + "; echo third; printf 'no line break'"), output);

    assertThat(status).isZero();
    assertThat(output.lines()).containsExactly("first", "second", "third", "no line break");
    assertThat(Set.copyOf(output.threads())).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aFailingCommand_stopsTheScript_andItsStatusIsTheRunsStatus(Isolation isolation) throws Exception {
    RecordedLines output = new RecordedLines();

    int status = run(isolation, NetworkMode.NONE, shell("echo before; (exit 42); echo after"), output);

    assertThat(status).isEqualTo(42);
    assertThat(output.lines()).containsExactly("before");
    assertThat(run(isolation, NetworkMode.NONE, shell("false"), new RecordedLines())).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aProcessKilledByASignal_exitsWith128PlusTheSignal(Isolation isolation) throws Exception {
    // Not the first process itself: the first process of a PID namespace ignores what its own namespace sends it.
    int status = run(isolation, NetworkMode.NONE, shell("sh -c 'kill -TERM $$'; echo not reached"),
        new RecordedLines());

    assertThat(status).isEqualTo(128 + 15);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void theEnvironmentWorkingDirectoryUserAndGroup_areThoseAsked_andNothingOfTheHosts(Isolation isolation)
      throws Exception {
    RecordedLines output = new RecordedLines();
    ContainerProcess process = shell("id -u; id -g; id -G; pwd; env", "/srv/work", 1000, 1001,
        List.of("PATH=/bin", "GREETING=hello world", "EMPTY="));

    int status = run(isolation, NetworkMode.NONE, process, output);

    assertThat(status).isZero();
    assertThat(output.lines().subList(0, 4)).containsExactly("1000", "1001", "1001", "/srv/work");
    List<String> environment = output.lines().subList(4, output.lines().size());
    assertThat(environment).contains("PATH=/bin", "GREETING=hello world", "EMPTY=", "PWD=/srv/work");
    assertThat(environment).noneMatch(variable -> variable.startsWith(TestStageRunners.HOST_ONLY + "="))
        .noneMatch(variable -> variable.startsWith("DAPP_"))
        .noneMatch(variable -> variable.startsWith("JAVA_"));
    assertThat(root.resolve("srv/work")).isDirectory();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void home_whenTheEnvironmentNamesNone_isTheUsersInTheRootsPasswd_elseSlash_asRuncSetsIt(Isolation isolation)
      throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
        + "builder:x:1000:1000::/home/builder:/bin/sh\n");
    List<String> noHome = List.of("PATH=/bin");
    RecordedLines builder = new RecordedLines();
    RecordedLines stranger = new RecordedLines();
    RecordedLines given = new RecordedLines();

    run(isolation, NetworkMode.NONE, shell("echo $HOME", "/", 1000, 1000, noHome), builder);
    run(isolation, NetworkMode.NONE, shell("echo $HOME", "/", 4242, 4242, noHome), stranger);
    run(isolation, NetworkMode.NONE, shell("echo $HOME", "/", 1000, 1000, List.of("PATH=/bin", "HOME=/given")),
        given);

    assertThat(builder.lines()).containsExactly("/home/builder");
    assertThat(stranger.lines()).containsExactly("/");
    assertThat(given.lines()).containsExactly("/given");
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void root_hasTheDefaultCapabilities_anotherUserNone_andNeitherGainsPrivileges(Isolation isolation)
      throws Exception {
    RecordedLines asRoot = new RecordedLines();
    RecordedLines asUser = new RecordedLines();
    String script = "grep -E '^(CapEff|CapBnd|NoNewPrivs):' /proc/self/status";

    run(isolation, NetworkMode.NONE, shell(script), asRoot);
    run(isolation, NetworkMode.NONE, shell(script, "/", 1000, 1000, BusyboxRoot.ENVIRONMENT), asUser);

    assertThat(asRoot.lines()).containsExactly("CapEff:\t" + DEFAULT_CAPABILITIES,
        "CapBnd:\t" + DEFAULT_CAPABILITIES, "NoNewPrivs:\t1");
    assertThat(asUser.lines()).containsExactly("CapEff:\t0000000000000000",
        "CapBnd:\t" + DEFAULT_CAPABILITIES, "NoNewPrivs:\t1");
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void procDevShmAndSys_canBeRead_sysAndProcSysCannotBeWritten_andMaskedFilesAreEmpty(Isolation isolation)
      throws Exception {
    RecordedLines output = new RecordedLines();
    String script = String.join("\n",
        "grep -q '^Name:' /proc/self/status && echo proc-readable",
        "echo discarded > /dev/null && [ ! -s /dev/null ] && echo null-discards",
        "[ \"$(head -c 3 /dev/zero | wc -c)\" = 3 ] && [ \"$(head -c 3 /dev/urandom | wc -c)\" = 3 ]"
            + " && echo zero-and-urandom",
        "echo kept > /dev/shm/f && [ \"$(cat /dev/shm/f)\" = kept ] && echo shm-usable",
        "ls /sys/kernel > /dev/null && echo sys-readable",
        "awk '$2 == \"/sys\" || $2 == \"/proc/sys\" { split($4, o, \",\"); print $2, o[1] }' /proc/self/mounts",
        // The same value written back: harmless if it ever succeeded.
        "if (cat /proc/sys/vm/swappiness > /proc/sys/vm/swappiness) 2>/dev/null; then echo proc-sys-writable;"
            + " else echo proc-sys-read-only; fi",
        "if touch /sys/dapp 2>/dev/null; then echo sys-writable; else echo sys-read-only; fi",
        "echo timer_list $(wc -c < /proc/timer_list)",
        "ls /dev");

    int status = run(isolation, NetworkMode.NONE, shell(script), output);

    assertThat(status).isZero();
    assertThat(output.lines()).startsWith("proc-readable", "null-discards", "zero-and-urandom", "shm-usable",
        "sys-readable");
    assertThat(output.lines()).contains("/sys ro", "/proc/sys ro", "proc-sys-read-only", "sys-read-only",
        "timer_list 0");
    assertThat(output.lines()).containsAll(List.of("null", "zero", "full", "random", "urandom", "tty", "pts",
        "shm", "mqueue", "ptmx", "fd"));
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void resolvConfAndHosts_areCopiesOfTheHosts_thatTheProcessMayChangeWithoutChangingTheHostsOrTheRoots(
      Isolation isolation) throws Exception {
    byte[] hostResolvConf = Files.readAllBytes(Path.of("/etc/resolv.conf"));
    byte[] hostHosts = Files.readAllBytes(Path.of("/etc/hosts"));
    RecordedLines output = new RecordedLines();

    int status = run(isolation, NetworkMode.HOST, shell("cat /etc/resolv.conf; echo 'nameserver 192.0.2.1' >> "
        + "/etc/resolv.conf; echo '192.0.2.2 added' >> /etc/hosts; grep -c 192.0.2 /etc/resolv.conf /etc/hosts;"
        + " hostname"), output);

    assertThat(status).isZero();
    assertThat(String.join("\n", output.lines()))
        .contains(new String(hostResolvConf, StandardCharsets.UTF_8).strip())
        .contains("/etc/resolv.conf:1", "/etc/hosts:1")
        .endsWith(OciConfig.HOSTNAME);
    assertThat(Files.readAllBytes(Path.of("/etc/resolv.conf"))).isEqualTo(hostResolvConf);
    assertThat(Files.readAllBytes(Path.of("/etc/hosts"))).isEqualTo(hostHosts);
    assertThat(root.resolve("etc/resolv.conf")).isEmptyFile();
    assertThat(root.resolve("etc/hosts")).isEmptyFile();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void noNetwork_isOnlyAnUpLoopback_andTheHostsNetwork_isTheHostsInterfaces(Isolation isolation) throws Exception {
    RecordedLines none = new RecordedLines();
    RecordedLines host = new RecordedLines();
    String interfaces = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '";

    run(isolation, NetworkMode.NONE, shell(interfaces + "; ip link show lo | head -1"), none);
    run(isolation, NetworkMode.HOST, shell(interfaces), host);

    assertThat(none.lines()).hasSize(2);
    assertThat(none.lines().get(0)).isEqualTo("lo");
    assertThat(none.lines().get(1)).contains("lo:", "UP");
    assertThat(host.lines()).containsExactlyInAnyOrderElementsOf(hostInterfaces());
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aHostMount_isWhereTheProcessWrites_andALinkInTheRootCannotLeadItOut(Isolation isolation) throws Exception {
    Path cache = Files.createDirectories(temporary.resolve("cache"));
    Files.writeString(cache.resolve("kept"), "from an earlier build");
    Path outside = Files.createDirectories(temporary.resolve("outside"));
    // A link in the image pointing at a host path: resolved inside the root, as the process would.
    Files.createSymbolicLink(root.resolve("var-cache"), outside);
    ContainerProcess process = shell("cat /root/.npm/kept && echo new > /root/.npm/made && echo x > /var-cache/y/z");
    ContainerProcess mounted = new ContainerProcess(process.argv(), process.environment(), "/", 0, 0,
        List.of(new io.dapp.domain.port.HostMount(cache, "/root/.npm"),
            new io.dapp.domain.port.HostMount(Files.createDirectories(temporary.resolve("y")), "/var-cache/y")));
    RecordedLines output = new RecordedLines();

    int status = run(isolation, NetworkMode.NONE, mounted, output);

    assertThat(status).as(output.lines().toString()).isZero();
    assertThat(output.lines()).contains("from an earlier build");
    assertThat(cache.resolve("made")).hasContent("new");
    assertThat(temporary.resolve("y/z")).hasContent("x");
    assertThat(root.resolve("root/.npm")).isEmptyDirectory();
    assertThat(outside).as("the host directory the image's link names").isEmptyDirectory();
    assertThat(mountsUnder(root)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void whatTheScriptWrites_isInTheRootAfterwards_andNothingIsLeftMountedOrOnDisk(Isolation isolation)
      throws Exception {
    int status = run(isolation, NetworkMode.NONE,
        shell("mkdir -p /opt/made && echo content > /opt/made/file && ln -s file /opt/made/link"),
        new RecordedLines());

    assertThat(status).isZero();
    assertThat(root.resolve("opt/made/file")).hasContent("content");
    assertThat(Files.readSymbolicLink(root.resolve("opt/made/link"))).isEqualTo(Path.of("file"));
    assertThat(mountsUnder(root)).isEmpty();
    assertThat(tmp).isEmptyDirectory();
    assertThat(runners.liveRuns()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aProcessLeftRunningInTheBackground_doesNotSurviveTheRun(Isolation isolation) throws Exception {
    String sleep = "sleep " + ThreadLocalRandom.current().nextInt(100_000, 900_000);
    Path checked = root.resolve("tmp/checked");
    List<Integer> runningWhileTheStageRan = new ArrayList<>();
    RecordedLines output = new RecordedLines(line -> {
      // "started" comes once both are started, not once both have exec'd sleep: give them the time to.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (processesRunning(sleep).size() < 2 && System.nanoTime() < deadline) {
        pause();
      }
      runningWhileTheStageRan.add(processesRunning(sleep).size());
      touch(checked);
    });

    int status = run(isolation, NetworkMode.NONE, shell(sleep + " > /dev/null 2>&1 & "
        + "sh -c '" + sleep + " > /dev/null 2>&1 &'; echo started; " + waitFor("/tmp/checked")), output);

    assertThat(status).isZero();
    assertThat(runningWhileTheStageRan).containsExactly(2);
    assertThat(processesRunning(sleep)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aProgramTheRootDoesNotHave_cannotBeStarted(Isolation isolation) {
    ContainerProcess missing = new ContainerProcess(List.of("/bin/no-such-program"), BusyboxRoot.ENVIRONMENT, "/",
        0, 0);

    assertThatThrownBy(() -> run(isolation, NetworkMode.NONE, missing, new RecordedLines()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("/bin/no-such-program");
    assertThat(tmp).isEmptyDirectory();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aRootWhoseDevLeadsOutOfIt_isRefused_andNothingIsMountedOrCreatedThere(Isolation isolation)
      throws Exception {
    Path outside = Files.createDirectory(temporary.resolve("outside"));
    Files.createSymbolicLink(root.resolve("dev"), outside);

    assertThatThrownBy(() -> run(isolation, NetworkMode.NONE, shell("true"), new RecordedLines()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("the root filesystem's /dev is a symbolic link, not a directory: a stage cannot run in it");
    assertThat(outside).isEmptyDirectory();
    assertThat(mountsUnder(outside)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aHostsFileThatLinksOutOfTheRoot_isResolvedInsideIt_andTheHostsFileIsNeverTouched(Isolation isolation)
      throws Exception {
    Path outside = Files.createDirectory(temporary.resolve("outside"));
    Path hostFile = Files.writeString(outside.resolve("hosts"), "127.0.0.1 host-file\n");
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/hosts"), hostFile);
    RecordedLines output = new RecordedLines();

    int status = run(isolation, NetworkMode.NONE,
        shell("mkdir -p \"$(dirname \"$(readlink /etc/hosts)\")\"; echo '192.0.2.9 written' >> /etc/hosts;"
            + " echo \"the process's own line\""), output);

    assertThat(status).isZero();
    assertThat(output.lines()).containsExactly(
        "dapp: /etc/hosts in the root filesystem is a symbolic link: the host's is not mounted over it",
        "the process's own line");
    assertThat(Set.copyOf(output.threads())).as("the sink is called from one thread").hasSize(1);
    assertThat(hostFile).hasContent("127.0.0.1 host-file");
    assertThat(root.resolve(hostFile.toString().substring(1))).hasContent("192.0.2.9 written");
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void whatTheSinkThrows_isThrownAfterTheProcessEnded_whichStillRanToItsEnd(Isolation isolation) {
    OutputSink failing = line -> {
      throw new IllegalStateException("sink broke at " + line);
    };

    assertThatThrownBy(() -> run(isolation, NetworkMode.NONE, shell("echo one; echo two; touch /tmp/ran-on"),
        failing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sink broke at one");
    assertThat(root.resolve("tmp/ran-on")).exists();
    assertThat(tmp).isEmptyDirectory();
  }

  private int run(Isolation isolation, NetworkMode network, ContainerProcess process, OutputSink output)
      throws Exception {
    Optional<Path> runtime = isolation == Isolation.OCI ? runners.ociRuntime(Optional.empty()) : Optional.empty();
    assertThat(runners.unavailable(isolation, runtime)).isEmpty();
    return runners.run(isolation, runtime, network, new DirectoryRootFilesystem(root), process, output);
  }

  /** Shell: waits (at most 30 s, then fails) until {@code file} exists, which the test's sink creates. */
  private static String waitFor(String file) {
    return "i=0; while [ ! -e " + file + " ]; do i=$((i+1)); [ $i -lt 300 ] || { echo never; exit 3; }; "
        + "sleep 0.1; done";
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void touch(Path file) {
    try {
      Files.createFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> hostInterfaces() throws IOException {
    return Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
        .map(line -> line.substring(0, line.indexOf(':')).strip()).toList();
  }

  /** Mount points at or below {@code directory} in this (the host's) mount namespace. */
  static List<String> mountsUnder(Path directory) throws IOException {
    String prefix = directory.toRealPath().toString();
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .filter(mountPoint -> mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/"))
        .toList();
  }

  /** Live processes whose command line is exactly {@code commandLine}. */
  static List<Long> processesRunning(String commandLine) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(process -> commandLine(process.pid()).equals(commandLine))
          .map(ProcessHandle::pid).collect(Collectors.toList());
    }
  }

  private static String commandLine(long pid) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }
}
