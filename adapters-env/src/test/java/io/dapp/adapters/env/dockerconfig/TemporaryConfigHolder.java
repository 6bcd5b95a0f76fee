package io.dapp.adapters.env.dockerconfig;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a dapp command, run in its own JVM by {@link ShutdownHookTest}: it creates a temporary
 * config in the directory named by its argument and waits to be signalled.
 */
public final class TemporaryConfigHolder {

  private TemporaryConfigHolder() {
  }

  public static void main(String[] args) throws Exception {
    Path parent = Path.of(args[0]);
    FileDockerConfigStore store = new FileDockerConfigStore(new SystemEnvironment(Map.of()), parent, parent,
        new CredentialHelpers(new ExecutableSearchPath(List.of()), new SystemProcessRunner(), Duration.ofSeconds(1)));
    store.createTemporary(Map.of(new RegistryHost("registry.example.com"),
        new Credentials("alice", Secret.of("s3cret-password"))));
    Thread.sleep(Duration.ofMinutes(2).toMillis());
  }
}
