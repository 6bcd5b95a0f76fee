package io.dapp.adapters.env.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a program to completion, feeding it standard input; the seam tests replace or point at scripts. */
public interface ProcessRunner {

  /**
   * @throws IOException when the program cannot be started or its streams fail
   * @throws ProcessTimeoutException when it runs longer than {@code timeout}; it is then killed
   */
  ProcessOutput run(Path executable, List<String> arguments, String standardInput, Duration timeout)
      throws IOException, ProcessTimeoutException;

  /**
   * As {@link #run(Path, List, String, Duration)}, but the program gets exactly {@code environment}
   * instead of this JVM's variables (pass {@code Environment.variables()} plus what to add).
   */
  ProcessOutput run(Path executable, List<String> arguments, String standardInput, Duration timeout,
      Map<String, String> environment) throws IOException, ProcessTimeoutException;
}
