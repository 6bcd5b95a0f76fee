package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.testing.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * dapp as a process of its own ({@code io.dapp.app.Dapp} in a child JVM), with exactly the environment the test
 * gives it ({@code PATH}, {@code HOME}, {@code TMPDIR} and what the test adds, such as {@code HTTPS_PROXY}), and
 * a hosts file of the test's as its only name resolution ({@code -Djdk.net.hosts.file}): test names such as
 * {@code registry.dapp.test} resolve to 127.0.0.1, and every other name (Docker Hub's) resolves to nothing, as on
 * a runner without internet. No file under {@code /etc} is read or written for it.
 */
final class ChildDapp {

  private final Path hostsFile;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Path logs;
  private int runs;

  /** @param hostsFile the names the child resolves, as {@code /etc/hosts} lines */
  ChildDapp(Path home, Path tmp, Path hostsFile, Path logs) {
    this.hostsFile = hostsFile;
    this.logs = logs;
    environment.put("PATH", System.getenv("PATH"));
    environment.put("HOME", home.toString());
    environment.put("TMPDIR", tmp.toString());
  }

  ChildDapp env(String name, String value) {
    if (value == null) {
      environment.remove(name);
    } else {
      environment.put(name, value);
    }
    return this;
  }

  InProcessDapp.Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-Djdk.net.hosts.file=" + hostsFile, "-cp", System.getProperty("java.class.path"),
        Dapp.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    int run = ++runs;
    Path out = logs.resolve("dapp-" + run + ".out");
    Path err = logs.resolve("dapp-" + run + ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("dapp %s finished", String.join(" ", args)).isTrue();
    return new InProcessDapp.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
