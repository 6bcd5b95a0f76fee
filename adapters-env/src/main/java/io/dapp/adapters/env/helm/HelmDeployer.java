package io.dapp.adapters.env.helm;

import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.adapters.env.process.ProcessOutput;
import io.dapp.adapters.env.process.ProcessRunner;
import io.dapp.adapters.env.process.ProcessTimeoutException;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.deploy.Deployer;
import io.dapp.domain.deploy.HelmRelease;
import io.dapp.domain.deploy.ValuesRenderer;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Environment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Deploys with the {@code helm} found on the environment's {@code PATH}:
 * {@code helm upgrade --install RELEASE CHART --values FILE [--namespace NS] [--set K=V]... [--timeout Ns]}.
 * The values file is private (0600) in {@code $TMPDIR} and removed afterwards; helm gets dapp's
 * environment plus {@code DOCKER_CONFIG}. Nothing secret is on helm's command line.
 */
public final class HelmDeployer implements Deployer {

  static final String HELM = "helm";
  /** helm's own default for --timeout. */
  static final Duration HELM_DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** How much longer than its --timeout helm may take before dapp kills it. */
  static final Duration GRACE = Duration.ofMinutes(5);
  private static final int MAX_MESSAGE = 1000;

  private final Environment environment;
  private final ProcessRunner runner;
  private final ValuesRenderer renderer;

  @Inject
  public HelmDeployer(Environment environment) {
    this(environment, new SystemProcessRunner(), new JacksonValuesRenderer());
  }

  public HelmDeployer(Environment environment, ProcessRunner runner, ValuesRenderer renderer) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.runner = Objects.requireNonNull(runner, "'runner' must not be null");
    this.renderer = Objects.requireNonNull(renderer, "'renderer' must not be null");
  }

  @Override
  public void checkAvailable() throws InvalidInputException {
    helm();
  }

  @Override
  public void deploy(HelmRelease release, Map<String, Object> values, Path dockerConfigDirectory, Console console)
      throws DappException {
    Objects.requireNonNull(release, "'release' must not be null");
    Objects.requireNonNull(values, "'values' must not be null");
    Objects.requireNonNull(dockerConfigDirectory, "'dockerConfigDirectory' must not be null");
    Path helm = helm();
    Path valuesFile = writeValues(values);
    try {
      List<String> arguments = arguments(release, valuesFile);
      console.debug("running " + helm + " " + String.join(" ", arguments) + " with DOCKER_CONFIG="
          + dockerConfigDirectory);
      Map<String, String> childEnvironment = new HashMap<>(environment.variables());
      childEnvironment.put("DOCKER_CONFIG", dockerConfigDirectory.toString());
      Duration timeout = release.timeout().orElse(HELM_DEFAULT_TIMEOUT).plus(GRACE);
      ProcessOutput output = runner.run(helm, arguments, "", timeout, childEnvironment);
      output.standardOutput().lines().forEach(console::info);
      if (!output.succeeded()) {
        throw new OperationFailedException("helm upgrade --install " + release.name() + " failed (exit status "
            + output.exitStatus() + "): " + summary(output));
      }
    } catch (ProcessTimeoutException e) {
      throw new OperationFailedException("helm upgrade --install " + release.name() + " " + e.getMessage()
          + " and was stopped");
    } catch (IOException e) {
      throw new OperationFailedException("cannot run " + helm + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(valuesFile);
    }
  }

  static List<String> arguments(HelmRelease release, Path valuesFile) {
    List<String> arguments = new ArrayList<>(List.of("upgrade", "--install", release.name(), release.chart(),
        "--values", valuesFile.toString()));
    release.namespace().ifPresent(namespace -> arguments.addAll(List.of("--namespace", namespace)));
    release.sets().forEach(set -> arguments.addAll(List.of("--set", set)));
    release.timeout().ifPresent(timeout -> arguments.addAll(List.of("--timeout", timeout.toSeconds() + "s")));
    return arguments;
  }

  private Path helm() throws InvalidInputException {
    return ExecutableSearchPath.fromEnvironment(environment).find(HELM).orElseThrow(() -> new InvalidInputException(
        "helm is not on PATH: dapp kube deploy runs helm 3 (https://helm.sh/docs/intro/install/)"));
  }

  private Path writeValues(Map<String, Object> values) throws OperationFailedException {
    Path directory = Path.of(environment.variable("TMPDIR").orElse(System.getProperty("java.io.tmpdir")));
    try {
      Path file = Files.createTempFile(directory, "dapp-values-", ".yaml",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(file, renderer.render(values, ValuesRenderer.Syntax.YAML), StandardCharsets.UTF_8);
      } catch (IOException e) {
        deleteQuietly(file);
        throw e;
      }
      return file;
    } catch (IOException e) {
      throw new OperationFailedException("cannot write the helm values file in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** helm's error on one line: its stderr (stdout when stderr is empty), line breaks folded. */
  private static String summary(ProcessOutput output) {
    String text = output.standardError().isBlank() ? output.standardOutput() : output.standardError();
    String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" | "));
    if (line.isEmpty()) {
      return "helm printed nothing";
    }
    return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing secret is in it; a file left in TMPDIR is the least of the problems then.
    }
  }
}
