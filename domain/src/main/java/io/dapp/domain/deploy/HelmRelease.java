package io.dapp.domain.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code helm upgrade --install} is asked to do, besides the values dapp computes.
 *
 * @param name the release name
 * @param chart a chart directory, or any chart reference helm accepts
 * @param namespace the Kubernetes namespace; empty means the kube context's
 * @param sets {@code key=value} pairs for {@code --set}, in order; they win over dapp's values
 * @param timeout helm's {@code --timeout}; empty means helm's default
 */
public record HelmRelease(String name, String chart, Optional<String> namespace, List<String> sets,
    Optional<Duration> timeout) {

  public HelmRelease {
    Objects.requireNonNull(name, "'name' must not be null");
    Objects.requireNonNull(chart, "'chart' must not be null");
    Objects.requireNonNull(namespace, "'namespace' must not be null");
    sets = List.copyOf(sets);
    Objects.requireNonNull(timeout, "'timeout' must not be null");
  }
}
