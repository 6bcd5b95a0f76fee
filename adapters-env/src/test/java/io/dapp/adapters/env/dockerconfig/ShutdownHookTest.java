package io.dapp.adapters.env.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.testing.ChildProcesses;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command killed with SIGTERM or SIGINT leaves no temporary config behind. */
class ShutdownHookTest {

  private static final Duration STARTUP = Duration.ofSeconds(30);

  @TempDir
  Path root;

  private Path parent;
  private Process holder;

  @BeforeEach
  void createParent() throws IOException {
    parent = Files.createDirectory(root.resolve("tmp"));
  }

  @AfterEach
  void stopHolder() {
    if (holder != null) {
      holder.destroyForcibly();
    }
  }

  @Test
  void sigterm_removesTheTemporaryConfig() throws Exception {
    holder = startHolder();
    Path config = awaitTemporaryConfig();

    holder.destroy(); // SIGTERM on POSIX systems

    assertThat(holder.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(holder.exitValue()).isEqualTo(128 + 15);
    assertThat(config).doesNotExist();
    assertThat(parent).isEmptyDirectory();
  }

  @Test
  void sigint_removesTheTemporaryConfig() throws Exception {
    holder = startHolder();
    Path config = awaitTemporaryConfig();

    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(holder.pid())).start();

    assertThat(kill.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(holder.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(holder.exitValue()).isEqualTo(128 + 2);
    assertThat(config).doesNotExist();
  }

  private Process startHolder() throws IOException {
    return ChildProcesses.withDefaultSignals(List.of(ChildProcesses.java(), "-cp", System.getProperty("java.class.path"),
            TemporaryConfigHolder.class.getName(), parent.toString()))
        .redirectErrorStream(true)
        .redirectOutput(root.resolve("holder.log").toFile())
        .start();
  }

  /** Waits until the holder has written its config.json completely. */
  private Path awaitTemporaryConfig() throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(holder.isAlive()).as("holder process is running").isTrue();
      for (Path directory : temporaryConfigs()) {
        Path configJson = directory.resolve("config.json");
        if (Files.exists(configJson) && Files.size(configJson) > 0) {
          return directory;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no temporary config appeared in " + parent);
  }

  private List<Path> temporaryConfigs() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "dapp-docker-config-*")) {
      entries.forEach(found::add);
    }
    return found;
  }
}
