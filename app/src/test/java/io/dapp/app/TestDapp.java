package io.dapp.app;

import io.dapp.domain.model.RegistryHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real dapp (the production assembly, {@link WholeDappComponent}, or {@link ImpatientDappComponent}) run
 * in this JVM as a CI job would run it: an environment of the test's own, with {@code HOME} and {@code TMPDIR}
 * in a directory of the test, so nothing outside it is read or written. Each {@link #run} is a fresh assembly, like a new process.
 */
final class TestDapp {

  private final Map<String, String> environment = new HashMap<>();
  private final Path home;
  private final Path tmp;
  private boolean impatient;

  private TestDapp(Path home, Path tmp) {
    this.home = home;
    this.tmp = tmp;
    environment.put("HOME", home.toString());
    environment.put("TMPDIR", tmp.toString());
  }

  /** {@code HOME} is {@code root/home}, {@code TMPDIR} is {@code root/tmp}, both created. */
  static TestDapp in(Path root) throws IOException {
    return new TestDapp(Files.createDirectories(root.resolve("home")), Files.createDirectories(root.resolve("tmp")));
  }

  /** Sets (or, with null, removes) one environment variable for the runs from now on. */
  TestDapp env(String name, String value) {
    if (value == null) {
      environment.remove(name);
    } else {
      environment.put(name, value);
    }
    return this;
  }

  /** GitLab's autologin variables: the job's registry and token. */
  TestDapp gitlabJob(RegistryHost registry, String jobToken) {
    return env("CI_REGISTRY", registry.name()).env("CI_JOB_TOKEN", jobToken);
  }

  /** A CI job's PATH: the sbin directories too, where runc, unshare and mount are (shell stages need them). */
  TestDapp withSbinOnPath() {
    return env("PATH", System.getenv("PATH") + ":/usr/local/sbin:/usr/sbin:/sbin");
  }

  /** Runs from now on use {@link ImpatientDappComponent}: short timeouts and retries, for fault tests. */
  TestDapp impatient() {
    this.impatient = true;
    return this;
  }

  Path home() {
    return home;
  }

  /** Where dapp's temporary docker configs go; empty again after every command. */
  Path tmp() {
    return tmp;
  }

  InProcessDapp.Result run(String... args) {
    return runWithStdin("", args);
  }

  InProcessDapp.Result runWithStdin(String stdin, String... args) {
    return impatient ? ImpatientDappComponent.run(environment, stdin, args)
        : WholeDappComponent.runWithStdin(environment, stdin, args);
  }
}
