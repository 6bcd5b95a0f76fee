package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two components of one JVM keep two tables of cache locks: they still exclude each other through the OS lock. */
class CacheLockTest {

  @TempDir
  Path directory;

  @Test
  void givenAnotherComponentSharing_share_waitsUntilItReleases() throws Exception {
    CacheLock first = new CacheLocks().of(directory.resolve("lock"));
    CacheLock second = new CacheLocks().of(directory.resolve("lock"));
    Runnable release = first.share();

    CompletableFuture<Runnable> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return second.share();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(200);
    assertThat(waiting).isNotDone();

    release.run();
    waiting.get(10, TimeUnit.SECONDS).run();
  }

  @Test
  void givenAnotherComponentSharing_ifUnused_runsNothing() throws Exception {
    CacheLock first = new CacheLocks().of(directory.resolve("lock"));
    CacheLock second = new CacheLocks().of(directory.resolve("lock"));
    Runnable release = first.share();

    assertThat(second.<String>ifUnused(() -> "removed")).isNull();
    release.run();
    assertThat(second.<String>ifUnused(() -> "removed")).isEqualTo("removed");
  }

  @Test
  void oneComponent_sharesWithItself() throws Exception {
    CacheLocks locks = new CacheLocks();
    Runnable one = locks.of(directory.resolve("lock")).share();
    Runnable two = locks.of(directory.resolve("lock")).share();

    assertThat(locks.of(directory.resolve("lock")).<String>ifUnused(() -> "removed")).isNull();
    one.run();
    two.run();
    assertThat(locks.of(directory.resolve("lock")).<String>ifUnused(() -> "removed")).isEqualTo("removed");
  }
}
