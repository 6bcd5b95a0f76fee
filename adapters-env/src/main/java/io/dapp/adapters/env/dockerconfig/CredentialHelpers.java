package io.dapp.adapters.env.dockerconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.adapters.env.process.ProcessOutput;
import io.dapp.adapters.env.process.ProcessRunner;
import io.dapp.adapters.env.process.ProcessTimeoutException;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks docker credential helpers ({@code docker-credential-<name> get}) for a registry's credentials, with
 * the protocol of docker-credential-helpers: the server URL on standard input, a JSON answer
 * {@code {"ServerURL","Username","Secret"}} on standard output.
 */
public final class CredentialHelpers {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The user name helpers answer when the secret is an identity token rather than a password. */
  private static final String TOKEN_USERNAME = "<token>";
  private static final String NOT_FOUND = "credentials not found";
  private static final int MAX_REPORTED_OUTPUT = 200;

  private final ExecutableSearchPath searchPath;
  private final ProcessRunner runner;
  private final Duration timeout;
  private final ObjectMapper mapper = new ObjectMapper();

  public CredentialHelpers(ExecutableSearchPath searchPath, ProcessRunner runner, Duration timeout) {
    this.searchPath = Objects.requireNonNull(searchPath, "'searchPath' must not be null");
    this.runner = Objects.requireNonNull(runner, "'runner' must not be null");
    this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("'timeout' must be positive");
    }
  }

  /**
   * @param helper the name after {@code docker-credential-}, as config.json gives it
   * @param serverUrl the registry's key, as docker asks for it
   * @param configuredIn where the helper is named, for error messages
   * @return empty when the helper holds nothing for this registry
   * @throws InvalidInputException when the helper is not installed
   * @throws OperationFailedException when it fails, hangs or answers something that is not an answer
   */
  public Optional<RegistryAuth> get(String helper, String serverUrl, String configuredIn) throws DappException {
    String program = "docker-credential-" + helper;
    // Both come from config.json: shown with any control character escaped.
    String shown = UserText.escape(program);
    String server = UserText.escape(serverUrl);
    Path executable = searchPath.find(program).orElseThrow(() -> new InvalidInputException(
        shown + " (named in " + configuredIn + ") was not found in PATH"));
    ProcessOutput output;
    try {
      output = runner.run(executable, List.of("get"), serverUrl, timeout);
    } catch (ProcessTimeoutException e) {
      throw new OperationFailedException(shown + " get for " + server + " " + e.getMessage());
    } catch (IOException e) {
      throw new OperationFailedException(shown + " get for " + server + " could not be run: "
          + e.getClass().getSimpleName());
    }
    if (!output.succeeded()) {
      String said = (output.standardOutput() + "\n" + output.standardError()).trim();
      if (said.toLowerCase(Locale.ROOT).contains(NOT_FOUND)) {
        return Optional.empty();
      }
      throw new OperationFailedException(shown + " get for " + server + " failed with exit status "
          + output.exitStatus() + firstLine(said));
    }
    return answer(program, serverUrl, output.standardOutput());
  }

  private Optional<RegistryAuth> answer(String program, String serverUrl, String json)
      throws OperationFailedException {
    String shown = UserText.escape(program);
    String server = UserText.escape(serverUrl);
    JsonNode answer;
    try {
      answer = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      // The answer holds the secret: say only that it is malformed.
      throw new OperationFailedException(shown + " get for " + server + " answered malformed JSON");
    }
    if (answer == null || !answer.isObject()) {
      throw new OperationFailedException(shown + " get for " + server + " answered malformed JSON");
    }
    String username = textOf(answer.get("Username"));
    String secret = textOf(answer.get("Secret"));
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (username.equals(TOKEN_USERNAME)) {
      return Optional.of(new RegistryAuth.IdentityToken(Secret.of(secret)));
    }
    if (username.isEmpty() || username.contains(":")) {
      throw new OperationFailedException(shown + " get for " + server
          + " answered without a usable Username");
    }
    return Optional.of(new RegistryAuth.Basic(new Credentials(username, Secret.of(secret))));
  }

  private static String textOf(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : "";
  }

  /** A helper's failure message helps the user; it is cut to one short line. */
  private static String firstLine(String said) {
    String line = said.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    if (line.isEmpty()) {
      return "";
    }
    return ": " + UserText.oneLine(line.length() > MAX_REPORTED_OUTPUT ? line.substring(0, MAX_REPORTED_OUTPUT) + "…" : line);
  }
}
