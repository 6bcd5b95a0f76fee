package io.dapp.adapters.env.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.env.process.ExecutableSearchPath;
import io.dapp.adapters.env.process.ProcessOutput;
import io.dapp.adapters.env.process.ProcessRunner;
import io.dapp.adapters.env.process.ProcessTimeoutException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.KubernetesImages;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The images a cluster uses, from {@code kubectl get ... --all-namespaces -o json} with the user's
 * kubectl configuration: every {@code image} and {@code imageID} in pods and in the workloads that make them.
 */
public final class KubectlImages implements KubernetesImages {

  static final List<String> ARGUMENTS = List.of("get",
      "pods,deployments,replicasets,statefulsets,daemonsets,jobs,cronjobs", "--all-namespaces", "-o", "json");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String SKIP = "pass --without-kube to clean up without asking Kubernetes";

  private final Environment environment;
  private final ProcessRunner processes;
  private final ObjectMapper json = new ObjectMapper();

  @Inject
  public KubectlImages(Environment environment, ProcessRunner processes) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.processes = Objects.requireNonNull(processes, "'processes' must not be null");
  }

  @Override
  public Set<String> inUse() throws InvalidInputException, OperationFailedException {
    Path kubectl = ExecutableSearchPath.fromEnvironment(environment).find("kubectl").orElseThrow(() ->
        new InvalidInputException("kubectl is not on PATH: cleanup keeps the images Kubernetes uses and asks "
            + "kubectl for them; install and configure kubectl, or " + SKIP));
    ProcessOutput output;
    try {
      output = processes.run(kubectl, ARGUMENTS, "", TIMEOUT);
    } catch (IOException | ProcessTimeoutException e) {
      throw new OperationFailedException("kubectl get failed: " + e.getMessage() + "; " + SKIP, e);
    }
    if (!output.succeeded()) {
      String problem = output.standardError().strip().lines().findFirst().orElse("no message");
      throw new OperationFailedException("kubectl get failed (exit status " + output.exitStatus() + "): " + problem
          + "; " + SKIP);
    }
    try {
      Set<String> images = new TreeSet<>();
      collect(json.readTree(output.standardOutput()), images);
      return images;
    } catch (IOException e) {
      throw new OperationFailedException("kubectl get printed something other than JSON; " + SKIP, e);
    }
  }

  private static void collect(JsonNode node, Set<String> images) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if ((field.getKey().equals("image") || field.getKey().equals("imageID")) && field.getValue().isTextual()) {
          images.add(field.getValue().asText());
        } else {
          collect(field.getValue(), images);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, images));
    }
  }
}
