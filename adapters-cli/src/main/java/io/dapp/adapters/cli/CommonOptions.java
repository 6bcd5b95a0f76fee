package io.dapp.adapters.cli;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.login.PasswordSource;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The options every registry command shares. */
public final class CommonOptions {

  /** More than any password; a larger stdin is a mistake (a file piped in by accident). */
  private static final int MAX_STDIN_PASSWORD_BYTES = 64 * 1024;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = "--registry-username", paramLabel = "USER",
      description = "Log into the registry as USER with a temporary docker config (needs a password too).")
  private String username;

  @Option(names = "--registry-password", paramLabel = "PASSWORD",
      description = "Password for --registry-username. Visible in the process list: prefer --registry-password-stdin.")
  private String password;

  @Option(names = "--registry-password-stdin",
      description = "Read the password for --registry-username from standard input, as `docker login --password-stdin`.")
  private boolean passwordStdin;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
      description = "Project directory, where dappfile.yaml lives (default: the current directory).")
  private Path directory;

  @Option(names = "--debug", description = {"Explain the login procedure, how each registry is reached (proxy, TLS",
      "files, mirrors) and how app/bin/dapp started the JVM (which java, which start-up cache or why",
      "none), and show stack traces of errors."})
  private boolean debug;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", split = ",",
      description = {"Allow plain HTTP to this registry (repeatable; also $DAPP_INSECURE_REGISTRY, comma-separated).",
          "Loopback registries (localhost, 127.0.0.1) are always allowed."})
  private List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", defaultValue = "linux/amd64",
      description = "Platform to pick from multi-platform images (default: ${DEFAULT-VALUE}).")
  private String platform;

  @Mixin
  private NetworkOptions network;

  public boolean debug() {
    return debug;
  }

  public Path projectDirectory() {
    return directory.toAbsolutePath().normalize();
  }

  /** The login options as the policy sees them: which were given, never the password itself. */
  public LoginOptions loginOptions() {
    if (password != null && passwordStdin) {
      throw new ParameterException(mixee.commandLine(),
          "--registry-password and --registry-password-stdin are mutually exclusive");
    }
    Optional<PasswordSource> source = passwordStdin ? Optional.of(PasswordSource.STDIN)
        : password != null ? Optional.of(PasswordSource.OPTION) : Optional.empty();
    return new LoginOptions(Optional.ofNullable(username), source);
  }

  /**
   * How to reach registries: the insecure ones named here, the platform to resolve indexes to, Docker Hub's
   * mirrors and the certs.d directory.
   */
  public RegistryOptions registryOptions() throws InvalidInputException {
    Set<RegistryHost> insecure = new LinkedHashSet<>();
    for (String address : insecureRegistries) {
      insecure.add(RegistryHost.parse(address));
    }
    return network.apply(new RegistryOptions(insecure, Platform.parse(platform), RetryPolicy.DEFAULT));
  }

  public boolean passwordOnCommandLine() {
    return password != null;
  }

  /** The command-line password: the option's value or standard input's, read only when asked for. */
  public Optional<Secret> password(StandardInput standardInput) throws IOException {
    if (password != null) {
      if (password.isEmpty()) {
        throw new ParameterException(mixee.commandLine(), "--registry-password is empty");
      }
      return Optional.of(Secret.of(password));
    }
    if (!passwordStdin) {
      return Optional.empty();
    }
    String read = readAll(standardInput);
    // docker login trims the line end a shell `echo` adds; the password itself is kept as it is.
    String trimmed = read.replaceAll("[\r\n]+$", "");
    if (trimmed.isEmpty()) {
      throw new ParameterException(mixee.commandLine(), "--registry-password-stdin: standard input is empty");
    }
    return Optional.of(Secret.of(trimmed));
  }

  private String readAll(StandardInput standardInput) throws IOException {
    try (InputStream in = standardInput.open()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      byte[] chunk = new byte[4096];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        buffer.write(chunk, 0, n);
        if (buffer.size() > MAX_STDIN_PASSWORD_BYTES) {
          throw new ParameterException(mixee.commandLine(),
              "--registry-password-stdin: standard input is larger than " + MAX_STDIN_PASSWORD_BYTES + " bytes");
        }
      }
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }
}
