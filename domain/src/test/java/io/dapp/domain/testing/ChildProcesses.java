package io.dapp.domain.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child processes a test starts and then signals. A non-interactive shell starts a background job with
 * SIGINT and SIGQUIT ignored ({@code bash -c 'mvn verify &'}, nohup, some CI runners), every descendant
 * inherits that, and a JVM started so honours it: a test that sends SIGINT would then wait in vain. The
 * test must not depend on how the suite was started, so the child gets the default dispositions back
 * explicitly; what the child itself then does with a signal is what is under test.
 */
public final class ChildProcesses {

  private ChildProcesses() {}

  /** {@code command} run with SIGINT, SIGQUIT and SIGTERM at their default dispositions (coreutils' env). */
  public static ProcessBuilder withDefaultSignals(List<String> command) {
    List<String> full = new ArrayList<>(List.of("env", "--default-signal=INT,QUIT,TERM"));
    full.addAll(command);
    return new ProcessBuilder(full);
  }

  /** The {@code java} of the JVM running the tests, for a child JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
