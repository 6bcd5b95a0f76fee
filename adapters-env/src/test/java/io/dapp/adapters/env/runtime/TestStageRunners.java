package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.port.ContainerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage runners as a test needs them: this JVM's PATH with the sbin directories (runc is in /usr/sbin), a
 * variable only the host has (a process must not see it), and the test's own temporary directory.
 */
final class TestStageRunners {

  /** A variable of dapp's environment that no stage's process may see. */
  static final String HOST_ONLY = "DAPP_TEST_HOST_ONLY";

  private TestStageRunners() {}

  static IsolatedStageRunners create(Path temporaryDirectory) {
    return create(temporaryDirectory, Map.of());
  }

  static IsolatedStageRunners create(Path temporaryDirectory, Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>();
    variables.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/local/sbin:/usr/sbin:/sbin");
    variables.put(HOST_ONLY, "host-secret");
    variables.putAll(extra);
    return new IsolatedStageRunners(new SystemEnvironment(variables), temporaryDirectory,
        IsolatedStageRunners::currentEffectiveUid);
  }

  /** {@code /bin/sh -e -c script} as root in {@code /}, with busybox's PATH. */
  static ContainerProcess shell(String script) {
    return shell(script, "/", 0, 0, BusyboxRoot.ENVIRONMENT);
  }

  static ContainerProcess shell(String script, String workingDirectory, int uid, int gid, List<String> environment) {
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-e", "-c", script));
    return new ContainerProcess(argv, environment, workingDirectory, uid, gid);
  }

  static boolean root() {
    return IsolatedStageRunners.currentEffectiveUid() == 0;
  }
}
