package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.process.ExecutableSearchPath;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a run takes from the machine: dapp's environment (the programs it starts get it), where programs
 * are looked up, the temporary directory runs keep their files in, and the runs still going.
 */
record Host(Map<String, String> variables, ExecutableSearchPath searchPath, Path temporaryDirectory,
    LiveRuns liveRuns) {

  Host {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(searchPath, "'searchPath' must not be null");
    Objects.requireNonNull(temporaryDirectory, "'temporaryDirectory' must not be null");
    Objects.requireNonNull(liveRuns, "'liveRuns' must not be null");
  }
}
