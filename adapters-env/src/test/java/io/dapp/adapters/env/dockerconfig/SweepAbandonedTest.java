package io.dapp.adapters.env.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.port.TemporaryDockerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepAbandonedTest {

  @TempDir
  Path root;

  private StoreFixture fixture;
  private FileDockerConfigStore store;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StoreFixture(root);
    store = fixture.store();
  }

  @Test
  void sweep_deletesTheConfigOfAProcessThatIsGone() throws Exception {
    Path abandoned = leftBy(deadProcess(), "12345");
    Files.createDirectories(abandoned.resolve("nested"));
    Files.writeString(abandoned.resolve("config.json"), "{}");

    assertThat(store.sweepAbandoned()).isEqualTo(1);

    assertThat(abandoned).doesNotExist();
  }

  @Test
  void sweep_deletesTheConfigOfAnEarlierProcessWhosePidWasReused() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().orElseThrow().toEpochMilli();
    Path abandoned = Files.createDirectory(
        fixture.tmp.resolve("dapp-docker-config-" + self.pid() + "-" + (start - 60_000) + "-1"));

    assertThat(store.sweepAbandoned()).isEqualTo(1);

    assertThat(abandoned).doesNotExist();
  }

  @Test
  void sweep_keepsTheConfigsOfRunningProcesses() throws Exception {
    TemporaryDockerConfig ours = store.createTemporary(Map.of());
    TemporaryDockerConfig anotherStoresInThisProcess = fixture.store().createTemporary(Map.of());
    Path dead = leftBy(deadProcess(), "1");

    assertThat(store.sweepAbandoned()).isEqualTo(1);

    assertThat(ours.directory()).exists();
    assertThat(anotherStoresInThisProcess.directory()).exists();
    assertThat(dead).doesNotExist();
    ours.close();
    anotherStoresInThisProcess.close();
  }

  @Test
  void sweep_ignoresEverythingNotNamedByDapp() throws Exception {
    long pid = deadProcess();
    Path[] strangers = {
        Files.createDirectory(fixture.tmp.resolve("other-" + pid)),
        Files.createDirectory(fixture.tmp.resolve("dapp-docker-config-" + pid)),
        Files.createDirectory(fixture.tmp.resolve("dapp-docker-config-" + pid + "-1")),
        Files.createDirectory(fixture.tmp.resolve("dapp-docker-config-" + pid + "-1-2-extra")),
        Files.createDirectory(fixture.tmp.resolve("dapp-docker-config-x" + pid + "-1-2")),
        Files.createDirectory(fixture.tmp.resolve("xdapp-docker-config-" + pid + "-1-2")),
        Files.writeString(fixture.tmp.resolve("dapp-docker-config-" + pid + "-1-3"), "a file")};

    assertThat(store.sweepAbandoned()).isZero();

    for (Path stranger : strangers) {
      assertThat(stranger).exists();
    }
  }

  @Test
  void sweep_neverFollowsALinkNamedLikeAConfig() throws Exception {
    Path target = Files.createDirectory(root.resolve("precious"));
    Files.writeString(target.resolve("data"), "keep");
    Path link = Files.createSymbolicLink(fixture.tmp.resolve("dapp-docker-config-" + deadProcess() + "-1-2"), target);

    assertThat(store.sweepAbandoned()).isZero();

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(target.resolve("data")).hasContent("keep");
  }

  @Test
  void sweep_keepsAnotherUsersConfig() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
    Path theirs = leftBy(deadProcess(), "7");
    Files.setAttribute(theirs, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertThat(store.sweepAbandoned()).isZero();

    assertThat(theirs).exists();
  }

  @Test
  void sweep_ofAMissingTempDirectory_removesNothing() {
    FileDockerConfigStore elsewhere = new FileDockerConfigStore(
        new SystemEnvironment(Map.of()), fixture.home, root.resolve("missing"),
        fixture.helpers(Duration.ofSeconds(1)));

    assertThat(elsewhere.sweepAbandoned()).isZero();
  }

  private Path leftBy(long pid, String random) throws IOException {
    return Files.createDirectory(fixture.tmp.resolve("dapp-docker-config-" + pid + "-1700000000000-" + random));
  }

  /** The pid of a process this test started and saw exit. */
  private static long deadProcess() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    assertThat(process.isAlive()).isFalse();
    return process.pid();
  }
}
