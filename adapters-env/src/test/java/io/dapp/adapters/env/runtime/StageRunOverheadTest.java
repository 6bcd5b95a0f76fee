package io.dapp.adapters.env.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a run costs beyond its process: {@code true} run 20 times, from {@code run} called to {@code run}
 * returned (bundle or set-up, namespaces, mounts, clean-up), and the one-off probe. Printed for the record; the
 * bound only catches a run that started waiting for something.
 */
@Timeout(300)
class StageRunOverheadTest {

  private static final int RUNS = 20;
  private static final Duration BOUND = Duration.ofSeconds(2);

  @TempDir
  Path temporary;

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aRunOfTrue_takesWellUnderASecond(Isolation isolation) throws Exception {
    assumeTrue(TestStageRunners.root(), "shell stages run as root");
    Path root = BusyboxRoot.create(Files.createDirectory(temporary.resolve("root")));
    IsolatedStageRunners runners = TestStageRunners.create(Files.createDirectory(temporary.resolve("tmp")));
    Optional<Path> runtime = isolation == Isolation.OCI ? runners.ociRuntime(Optional.empty()) : Optional.empty();
    ContainerProcess process = new ContainerProcess(List.of("/bin/true"), BusyboxRoot.ENVIRONMENT, "/", 0, 0);

    long probeStart = System.nanoTime();
    assertThat(runners.unavailable(isolation, runtime)).isEmpty();
    Duration probe = Duration.ofNanos(System.nanoTime() - probeStart);
    List<Duration> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      assertThat(runners.run(isolation, runtime, NetworkMode.NONE, new DirectoryRootFilesystem(root), process,
          line -> { })).isZero();
      runs.add(Duration.ofNanos(System.nanoTime() - start));
    }

    Collections.sort(runs);
    Duration median = runs.get(RUNS / 2 - 1).plus(runs.get(RUNS / 2)).dividedBy(2);
    System.out.printf("%s run overhead: median %d ms of %d runs (min %d, max %d); probe %d ms%n",
        isolation.label(), median.toMillis(), RUNS, runs.get(0).toMillis(), runs.get(RUNS - 1).toMillis(),
        probe.toMillis());
    assertThat(median).isLessThan(BOUND);
  }
}
