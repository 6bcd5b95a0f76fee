package io.dapp.adapters.env.runtime;

import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.NetworkMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for a dapp command running a shell stage, run in its own JVM by {@link StageRunShutdownTest}:
 * arguments ISOLATION TMPDIR ROOT. Its stage leaves a grandchild running, prints each line it gets, and
 * sleeps until the JVM is signalled.
 */
public final class StageRunHolder {

  private StageRunHolder() {}

  public static void main(String[] args) throws Exception {
    Isolation isolation = Isolation.valueOf(args[0]);
    IsolatedStageRunners runners = TestStageRunners.create(Path.of(args[1]), Map.of());
    Optional<Path> runtime = isolation == Isolation.OCI ? runners.ociRuntime(Optional.empty()) : Optional.empty();
    Optional<String> unavailable = runners.unavailable(isolation, runtime);
    if (unavailable.isPresent()) {
      System.out.println("unavailable: " + unavailable.get());
      System.exit(1);
    }
    int status = runners.run(isolation, runtime, NetworkMode.NONE, new DirectoryRootFilesystem(Path.of(args[2])),
        TestStageRunners.shell("sh -c 'sleep 1001' & echo started; sleep 1000"),
        line -> {
          System.out.println(line);
          System.out.flush();
        });
    System.out.println("stage ended with " + status);
  }
}
