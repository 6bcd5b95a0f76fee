package io.dapp.adapters.env.runtime;

import static io.dapp.adapters.env.runtime.TestStageRunners.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@code unavailable} says, in one line, for each reason an isolation cannot run. */
@Timeout(120)
class StageRunnersAvailabilityTest {

  private static final String REAL_PATH =
      System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/local/sbin:/usr/sbin:/sbin";

  @TempDir
  Path temporary;

  private Path tmp;
  private Path bin;

  @BeforeEach
  void createDirectories() throws IOException {
    tmp = Files.createDirectory(temporary.resolve("tmp"));
    bin = Files.createDirectory(temporary.resolve("bin"));
  }

  @Test
  void ociRuntime_isTheNamedOne_elseRuncOnPath_elseCrun() throws IOException {
    Path named = Path.of("/opt/runtimes/youki");
    assertThat(runners(Map.of("PATH", bin.toString())).ociRuntime(Optional.of(named))).contains(named);
    assertThat(runners(Map.of("PATH", bin.toString())).ociRuntime(Optional.empty())).isEmpty();

    Path crun = script(bin, "crun", "exit 0");
    assertThat(runners(Map.of("PATH", bin.toString())).ociRuntime(Optional.empty())).contains(crun);

    Path runc = script(bin, "runc", "exit 0");
    assertThat(runners(Map.of("PATH", bin.toString())).ociRuntime(Optional.empty())).contains(runc);
  }

  @Test
  void withoutARuntime_oci_saysToInstallRuncOrNameOne() {
    assertThat(runners(Map.of("PATH", bin.toString())).unavailable(Isolation.OCI, Optional.empty()))
        .contains("no OCI runtime: install runc (apt-get install runc), or name one with --oci-runtime PATH");
  }

  @Test
  void aNamedRuntimeThatIsNoProgram_isUnavailable() {
    assumeTrue(TestStageRunners.root(), "as root: not being root is said first");
    Path missing = bin.resolve("no-such-runtime");

    assertThat(runners(Map.of("PATH", REAL_PATH)).unavailable(Isolation.OCI, Optional.of(missing)))
        .contains("the OCI runtime " + missing + " is not an executable file (--oci-runtime or DAPP_OCI_RUNTIME)");
  }

  @Test
  void notRoot_bothIsolations_sayShellStagesNeedRoot() {
    IsolatedStageRunners asUser = new IsolatedStageRunners(new SystemEnvironment(Map.of("PATH", REAL_PATH)), tmp,
        () -> 1000);

    assertThat(asUser.unavailable(Isolation.OCI, Optional.of(Path.of("/usr/sbin/runc"))))
        .contains("shell stages need root: dapp runs as uid 1000 (a rootless OCI runtime needs user namespaces,"
            + " which dapp does not set up)");
    assertThat(asUser.unavailable(Isolation.CHROOT, Optional.empty()))
        .contains("shell stages need root: chroot isolation mounts and chroots, and dapp runs as uid 1000");
    assertThatThrownBy(() -> asUser.run(Isolation.CHROOT, Optional.empty(), NetworkMode.NONE,
        new DirectoryRootFilesystem(temporary), shell("true"), line -> { }))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageStartingWith("shell stages need root");
  }

  @Test
  void runc_canRunContainersHere() {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    IsolatedStageRunners runners = runners(Map.of("PATH", REAL_PATH));
    Optional<Path> runc = ExecutableSearchPath.fromEnvironment(new SystemEnvironment(Map.of("PATH", REAL_PATH)))
        .find("runc");
    assertThat(runc).as("runc on PATH (bash .ci/install-packages)").isPresent();

    assertThat(runners.unavailable(Isolation.OCI, runc)).isEmpty();
    assertThat(tmp).isEmptyDirectory();
  }

  /** Debian 12's crun fails on a hybrid cgroup layout; on a machine where it works, it runs a container. */
  @Test
  void crun_eitherRunsAContainer_orSaysWhyNotInOneLine() throws Exception {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    Optional<Path> crun = ExecutableSearchPath.fromEnvironment(new SystemEnvironment(Map.of("PATH", REAL_PATH)))
        .find("crun");
    assertThat(crun).as("crun on PATH (bash .ci/install-packages)").isPresent();
    IsolatedStageRunners runners = runners(Map.of("PATH", REAL_PATH));

    Optional<String> unavailable = runners.unavailable(Isolation.OCI, crun);

    if (unavailable.isPresent()) {
      assertThat(unavailable.get()).matches("crun cannot run containers here: \\S.*").doesNotContain("\n");
      if (isHybridCgroupLayout()) {
        assertThat(unavailable.get()).isEqualTo("crun cannot run containers here: cgroups in hybrid mode not "
            + "supported, drop all controllers from cgroupv2");
      }
    } else {
      Path root = BusyboxRoot.create(Files.createDirectory(temporary.resolve("root")));
      RecordedLines output = new RecordedLines();
      assertThat(runners.run(Isolation.OCI, crun, NetworkMode.NONE, new DirectoryRootFilesystem(root),
          shell("echo ran by crun"), output)).isZero();
      assertThat(output.lines()).containsExactly("ran by crun");
    }
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void aRuntimeIsTriedOnce_andItsAnswerRemembered() throws IOException {
    assumeTrue(TestStageRunners.root(), "as root: not being root is said first");
    Path calls = temporary.resolve("calls");
    Path fake = script(bin, "fake-runtime", "echo called >> " + calls
        + "; echo 'exec: \"/.dapp-probe\": no such file or directory' >&2; exit 1");
    IsolatedStageRunners runners = runners(Map.of("PATH", REAL_PATH));

    assertThat(runners.unavailable(Isolation.OCI, Optional.of(fake))).isEmpty();
    assertThat(runners.unavailable(Isolation.OCI, Optional.of(fake))).isEmpty();

    assertThat(calls).hasContent("called");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void aRuntimeThatFailsOtherwise_isUnavailable_withItsFirstErrorLine() throws IOException {
    assumeTrue(TestStageRunners.root(), "as root: not being root is said first");
    Path fake = script(bin, "broken-runtime", "echo; echo 'cannot set up cgroups: permission denied' >&2;"
        + " echo 'second line' >&2; exit 1");

    assertThat(runners(Map.of("PATH", REAL_PATH)).unavailable(Isolation.OCI, Optional.of(fake)))
        .contains("broken-runtime cannot run containers here: cannot set up cgroups: permission denied");
  }

  @Test
  void chroot_canRunHere() {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");

    assertThat(runners(Map.of("PATH", REAL_PATH)).unavailable(Isolation.CHROOT, Optional.empty())).isEmpty();
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void chrootWithoutItsTools_namesTheMissingOnes() throws IOException {
    assumeTrue(TestStageRunners.root(), "as root: not being root is said first");
    script(bin, "sh", "exit 0");
    script(bin, "env", "exit 0");

    assertThat(runners(Map.of("PATH", bin.toString())).unavailable(Isolation.CHROOT, Optional.empty()))
        .contains("chroot isolation needs unshare, setpriv, mount on PATH (util-linux, coreutils, mount:"
            + " apt-get install util-linux mount)");
  }

  /** As in a CI container without privileges: unshare is there, the kernel refuses it namespaces. */
  @Test
  void chrootWhereNamespacesAreRefused_isUnavailable_andSaysWhy() throws IOException {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    script(bin, "unshare", "exec setpriv --bounding-set -sys_admin " + realProgram("unshare") + " \"$@\"");

    Optional<String> unavailable = runners(Map.of("PATH", bin + ":" + REAL_PATH))
        .unavailable(Isolation.CHROOT, Optional.empty());

    assertThat(unavailable).contains("chroot isolation cannot run here: unshare: unshare failed: Operation not"
        + " permitted (it makes mount and PID namespaces, which a CI container allows when it is privileged)");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void chrootWhereOnlyNetworkNamespacesAreRefused_runsWithTheHostsNetwork_andRefusesToRunWithout()
      throws Exception {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    script(bin, "unshare", "case \" $* \" in *' --net '*) echo 'unshare: unshare failed: Operation not permitted' >&2;"
        + " exit 1;; esac; exec " + realProgram("unshare") + " \"$@\"");
    IsolatedStageRunners runners = runners(Map.of("PATH", bin + ":" + REAL_PATH));
    Path root = BusyboxRoot.create(Files.createDirectory(temporary.resolve("root")));
    RecordedLines output = new RecordedLines();

    assertThat(runners.unavailable(Isolation.CHROOT, Optional.empty())).isEmpty();
    assertThat(runners.run(Isolation.CHROOT, Optional.empty(), NetworkMode.HOST, new DirectoryRootFilesystem(root),
        shell("echo with the host network"), output)).isZero();
    assertThatThrownBy(() -> runners.run(Isolation.CHROOT, Optional.empty(), NetworkMode.NONE,
        new DirectoryRootFilesystem(root), shell("echo never"), output))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("chroot isolation cannot take the network away here (unshare: unshare failed: Operation not"
            + " permitted): run the stage with the host's network");
    assertThat(output.lines()).containsExactly("with the host network");
  }

  private IsolatedStageRunners runners(Map<String, String> variables) {
    return new IsolatedStageRunners(new SystemEnvironment(variables), tmp, IsolatedStageRunners::currentEffectiveUid);
  }

  private static String realProgram(String name) {
    return ExecutableSearchPath.fromEnvironment(new SystemEnvironment(Map.of("PATH", REAL_PATH))).find(name)
        .orElseThrow().toString();
  }

  private static Path script(Path directory, String name, String body) throws IOException {
    Path script = Files.writeString(directory.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** cgroup v1 controllers mounted, and a cgroup v2 hierarchy beside them. */
  private static boolean isHybridCgroupLayout() throws IOException {
    String mounts = Files.readString(Path.of("/proc/self/mounts"));
    return mounts.contains(" cgroup ") && mounts.contains(" cgroup2 ");
  }
}
