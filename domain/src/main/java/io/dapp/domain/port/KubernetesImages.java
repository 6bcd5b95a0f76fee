package io.dapp.domain.port;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import java.util.Set;

/** The images a Kubernetes cluster uses: in pods and in the workloads that make pods. */
public interface KubernetesImages {

  /**
   * Every image reference the cluster's workloads name, as written there ({@code host/path:tag},
   * {@code host/path@sha256:...}); unparsable ones are the caller's to skip.
   *
   * @throws InvalidInputException when the cluster cannot be asked at all (no kubectl)
   * @throws OperationFailedException when asking failed
   */
  Set<String> inUse() throws InvalidInputException, OperationFailedException;
}
