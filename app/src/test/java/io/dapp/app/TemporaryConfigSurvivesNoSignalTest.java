package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.FaultProxy;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.model.Repository;
import io.dapp.domain.testing.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dapp process ({@code io.dapp.app.Dapp}), logged in by dapp, in the middle of pushing a layer to a
 * real registry — slowed down by a proxy so that the signal arrives mid-upload — is interrupted or
 * terminated: its temporary docker config must be gone, the exit code must be the signal's, and the
 * registry must not have the tag. A SIGKILLed run cannot clean up; the next run sweeps what it left.
 */
class TemporaryConfigSurvivesNoSignalTest {

  private static final String USER = "ci-user";
  private static final String PASSWORD = "signal-test-password";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of(USER, PASSWORD));

  @TempDir
  static Path shared;
  private static Path project;
  private static Path store;

  @TempDir
  Path tmp;
  @TempDir
  Path home;
  @TempDir
  Path logs;

  private FaultProxy proxy;
  private Repository direct;
  private Repository viaProxy;

  @BeforeAll
  static void buildAnImageWithALayerThatTakesSecondsToUpload() throws Exception {
    project = Files.createDirectories(shared.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), "from: scratch\ngit:\n- add: /src\n  to: /app\n");
    Files.createDirectories(project.resolve("src"));
    Files.write(project.resolve("src/data.bin"), RegistryFaultsTest.randomBytes(2 * 1024 * 1024, 3));
    store = shared.resolve("store");
    InProcessDapp.Result build = WholeDappComponent.run(Map.of("HOME", shared.toString()),
        "dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
  }

  @BeforeEach
  void slowRegistry() throws Exception {
    // 256 KiB/s: the 2 MiB layer takes eight seconds, the signals come within the first.
    proxy = FaultProxy.to(REGISTRY.host(), request -> request.isBlobUpload()
        ? FaultProxy.slowUpload(256 * 1024) : FaultProxy.forward());
    direct = REGISTRY.newRepository();
    viaProxy = new Repository(proxy.host(), direct.path());
  }

  @AfterEach
  void closeProxy() throws Exception {
    proxy.close();
  }

  private Process startPush(String name) throws Exception {
    ProcessBuilder builder = ChildProcesses.withDefaultSignals(List.of(ChildProcesses.java(),
        // As the launcher starts it (serial GC), and quick to start on a busy machine (C1 only).
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        Dapp.class.getName(),
        "dimg", "push", "--dir", project.toString(), "--store", store.toString(), "--tag-plain", "interrupted",
        viaProxy.toString(), "--registry-username", USER, "--registry-password-stdin"));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("TMPDIR", tmp.toString());
    builder.redirectOutput(logs.resolve(name + ".out").toFile());
    builder.redirectError(logs.resolve(name + ".err").toFile());
    Process process = builder.start();
    process.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    return process;
  }

  /** Waits until the proxy sees the layer's upload begin, and returns the docker config dapp works with. */
  private Path awaitUpload(Process process, String name, long uploadsBefore) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (uploads() <= uploadsBefore) {
      assertThat(process.isAlive()).as("dapp is still pushing: " + output(name)).isTrue();
      assertThat(Instant.now()).as("the upload started").isBefore(deadline);
      Thread.sleep(20);
    }
    List<Path> configs = temporaryConfigs().stream()
        .filter(path -> path.getFileName().toString().contains("-" + process.pid() + "-")).toList();
    assertThat(configs).as("the temporary config of pid " + process.pid()).hasSize(1);
    return configs.get(0);
  }

  private long uploads() {
    // A blob's bytes go in a PUT to its upload session (or a PATCH, for a registry that wants that).
    return proxy.log().stream().filter(line -> line.contains("/blobs/uploads/")
        && (line.contains(" PATCH ") || line.contains(" PUT "))).count();
  }

  private List<Path> temporaryConfigs() throws Exception {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries.toList();
    }
  }

  private String output(String name) throws Exception {
    return Files.readString(logs.resolve(name + ".out")) + Files.readString(logs.resolve(name + ".err"));
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }

  private static int awaitExit(Process process) throws Exception {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dapp ended after the signal").isTrue();
    return process.exitValue();
  }

  private List<String> tagsInTheRegistry() throws Exception {
    return Invariants.everyTagIsComplete(direct, StaticDockerConfig.basic(REGISTRY.host(), USER, PASSWORD));
  }

  @Test
  void sigtermMidPush_removesTheTemporaryConfig_exits143_andSetsNoTag() throws Exception {
    Process dapp = startPush("term");
    Path config = awaitUpload(dapp, "term", 0);
    assertThat(config.getParent()).isEqualTo(tmp);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("config.json"))))
        .isEqualTo("rw-------");

    signal(dapp, "TERM");

    assertThat(awaitExit(dapp)).isEqualTo(143);
    assertThat(config).doesNotExist();
    assertThat(temporaryConfigs()).isEmpty();
    assertThat(tagsInTheRegistry()).isEmpty();
  }

  @Test
  void sigintMidPush_removesTheTemporaryConfig_exits130_andSetsNoTag() throws Exception {
    Process dapp = startPush("int");
    Path config = awaitUpload(dapp, "int", 0);

    signal(dapp, "INT");

    assertThat(awaitExit(dapp)).isEqualTo(130);
    assertThat(config).doesNotExist();
    assertThat(temporaryConfigs()).isEmpty();
    assertThat(tagsInTheRegistry()).isEmpty();
  }

  @Test
  void sigkillMidPush_leavesTheConfig_whichTheNextRunSweeps() throws Exception {
    Process killed = startPush("killed");
    Path leftover = awaitUpload(killed, "killed", 0);
    signal(killed, "KILL");
    awaitExit(killed);
    assertThat(leftover).exists();

    Process next = startPush("next");
    Path own = awaitUpload(next, "next", uploads());

    assertThat(leftover).doesNotExist();
    assertThat(own).exists();
    signal(next, "TERM");
    awaitExit(next);
    assertThat(temporaryConfigs()).isEmpty();
    assertThat(tagsInTheRegistry()).isEmpty();
  }
}
