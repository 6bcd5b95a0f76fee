package io.dapp.adapters.env.dockerconfig;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.adapters.env.process.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A file store whose home, temp directory and PATH are all inside one test directory. */
final class StoreFixture {

  final Path home;
  final Path tmp;
  final Path bin;

  StoreFixture(Path root) throws IOException {
    home = Files.createDirectory(root.resolve("home"));
    tmp = Files.createDirectory(root.resolve("tmp"));
    bin = Files.createDirectory(root.resolve("bin"));
  }

  CredentialHelpers helpers(Duration timeout) {
    return new CredentialHelpers(ExecutableSearchPath.of(bin), new SystemProcessRunner(), timeout);
  }

  FileDockerConfigStore store() {
    return store(Map.of());
  }

  FileDockerConfigStore store(Map<String, String> environment) {
    return new FileDockerConfigStore(new SystemEnvironment(environment), home, tmp,
        helpers(Duration.ofSeconds(10)));
  }

  FileDockerConfigStore store(FileDockerConfigStore.ContentWriter writer) {
    return new FileDockerConfigStore(new SystemEnvironment(Map.of()), home, tmp, helpers(Duration.ofSeconds(10)),
        writer);
  }

  /** A docker config directory holding this config.json. */
  Path configDirectory(String name, String configJson) throws IOException {
    Path directory = Files.createDirectories(home.resolve(name));
    Files.writeString(directory.resolve("config.json"), configJson);
    return directory;
  }
}
