package io.dapp.adapters.env.dockerconfig;

import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.adapters.env.process.ProcessIdentity;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.TemporaryDockerConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker configs on disk: the user's ({@code $DOCKER_CONFIG} or {@code ~/.docker}, read only, with GitLab's
 * {@code DOCKER_AUTH_CONFIG} behind it), an external one ({@code DAPP_DOCKER_CONFIG}), and the private
 * temporary ones of login by dapp in the temp directory.
 */
public final class FileDockerConfigStore implements DockerConfigStore {

  static final String EXTERNAL_VARIABLE = "DAPP_DOCKER_CONFIG";

  private final Environment environment;
  private final Path homeDirectory;
  private final Path temporaryParent;
  private final CredentialHelpers credentialHelpers;
  private final ContentWriter contentWriter;
  private final ConfigJsonReader reader = new ConfigJsonReader();
  private final LoginConfigJson loginConfigJson = new LoginConfigJson();
  private final LiveTemporaryConfigs live = new LiveTemporaryConfigs();
  private final TemporaryConfigName temporaryName = new TemporaryConfigName(ProcessIdentity.current());

  /**
   * As the CLI runs: home from {@code $HOME} (else {@code user.home}), temporary configs in
   * {@code $TMPDIR} as mktemp does (else {@code java.io.tmpdir}), credential helpers looked up in {@code $PATH}.
   */
  @Inject
  public FileDockerConfigStore(Environment environment) {
    this(Objects.requireNonNull(environment, "'environment' must not be null"),
        environment.variable("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home"))),
        environment.variable("TMPDIR").map(Path::of).orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"))),
        new CredentialHelpers(ExecutableSearchPath.fromEnvironment(environment), new SystemProcessRunner(),
            CredentialHelpers.DEFAULT_TIMEOUT));
  }

  /**
   * @param homeDirectory where {@code .docker} is when {@code DOCKER_CONFIG} is not set
   * @param temporaryParent where temporary configs are created and swept
   */
  public FileDockerConfigStore(Environment environment, Path homeDirectory, Path temporaryParent,
      CredentialHelpers credentialHelpers) {
    this(environment, homeDirectory, temporaryParent, credentialHelpers, PrivateFiles::write);
  }

  /** With another way to write config.json: tests make it fail. */
  FileDockerConfigStore(Environment environment, Path homeDirectory, Path temporaryParent,
      CredentialHelpers credentialHelpers, ContentWriter contentWriter) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.homeDirectory = Objects.requireNonNull(homeDirectory, "'homeDirectory' must not be null");
    this.temporaryParent = Objects.requireNonNull(temporaryParent, "'temporaryParent' must not be null");
    this.credentialHelpers = Objects.requireNonNull(credentialHelpers, "'credentialHelpers' must not be null");
    this.contentWriter = Objects.requireNonNull(contentWriter, "'contentWriter' must not be null");
  }

  @Override
  public DockerConfig openExternal(String path) throws InvalidInputException {
    Objects.requireNonNull(path, "'path' must not be null");
    String origin = EXTERNAL_VARIABLE + "=" + path;
    Path directory;
    try {
      directory = Path.of(path);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(origin + ": not a valid path");
    }
    if (!Files.exists(directory)) {
      throw new InvalidInputException(origin + ": directory does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw new InvalidInputException(origin + ": not a directory");
    }
    FileDockerConfig config = new FileDockerConfig(directory, ConfigJsonFile.in(directory, EXTERNAL_VARIABLE),
        reader, credentialHelpers);
    config.content(); // an unreadable external config is a usage error now, not in the middle of the work
    return config;
  }

  /**
   * Not read until credentials are asked for: docker, too, goes on without a config it cannot load. When
   * {@code DOCKER_AUTH_CONFIG} is set (GitLab's variable holding a config.json), its {@code auths} serve the
   * registries the file has no credentials for; it is read now, in memory, and never written to disk.
   *
   * @throws InvalidInputException when {@code DOCKER_AUTH_CONFIG} is not a config.json; the message names the
   *     variable and never quotes it
   */
  @Override
  public DockerConfig openDefault() throws InvalidInputException {
    Path directory;
    try {
      directory = environment.variable("DOCKER_CONFIG").map(Path::of)
          .orElseGet(() -> homeDirectory.resolve(".docker"));
    } catch (InvalidPathException e) {
      throw new InvalidInputException("DOCKER_CONFIG=" + environment.variable("DOCKER_CONFIG").orElse("")
          + ": not a valid path");
    }
    DockerConfig file = new FileDockerConfig(directory, ConfigJsonFile.in(directory), reader, credentialHelpers);
    Optional<String> dockerAuthConfig = environment.variable(DockerAuthConfigFallback.VARIABLE);
    if (dockerAuthConfig.isEmpty()) {
      return file;
    }
    return new DockerAuthConfigFallback(file, reader.read("$" + DockerAuthConfigFallback.VARIABLE,
        dockerAuthConfig.get().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public TemporaryDockerConfig createTemporary(Map<RegistryHost, Credentials> logins)
      throws OperationFailedException {
    Objects.requireNonNull(logins, "'logins' must not be null");
    byte[] content = loginConfigJson.content(logins);
    try {
      // Registered before the directory exists: there is no moment when a signal would leave it behind.
      live.ensureShutdownHook();
    } catch (IllegalStateException e) {
      throw new OperationFailedException("cannot create a temporary docker config: dapp is shutting down");
    }
    Path directory = createDirectory();
    FileTemporaryDockerConfig config = new FileTemporaryDockerConfig(
        new FileDockerConfig(directory, ConfigJsonFile.in(directory), reader, credentialHelpers), live::remove);
    live.add(config);
    try {
      contentWriter.write(directory.resolve(ConfigJsonFile.FILE_NAME), content);
    } catch (IOException | RuntimeException e) {
      config.close();
      throw new OperationFailedException("cannot write a temporary docker config in " + directory + ": "
          + describe(e), e);
    }
    return config;
  }

  private Path createDirectory() throws OperationFailedException {
    try {
      return PrivateFiles.createDirectory(temporaryParent, temporaryName.prefix());
    } catch (IOException | RuntimeException e) {
      // UnsupportedOperationException: a file system without POSIX permissions cannot keep it private.
      throw new OperationFailedException("cannot create a temporary docker config in " + temporaryParent + ": "
          + describe(e), e);
    }
  }

  @Override
  public int sweepAbandoned() {
    return new AbandonedConfigSweeper(temporaryParent).sweep();
  }

  /** How many temporary configs of this store are still on disk. */
  int liveTemporaries() {
    return live.size();
  }

  /** Writes a new private file. */
  @FunctionalInterface
  interface ContentWriter {
    void write(Path file, byte[] content) throws IOException;
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof UnsupportedOperationException) {
      return "the file system has no POSIX permissions";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
