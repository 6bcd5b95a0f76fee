package io.dapp.domain.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code dapp kube deploy}, as given; {@link KubeDeployWork} applies the defaults.
 *
 * @param release {@code --release}
 * @param namespace {@code --namespace}
 * @param chart {@code --chart}
 * @param sets {@code --set key=value}, in order
 * @param timeout {@code --timeout}
 */
public record DeployOptions(Optional<String> release, Optional<String> namespace, Optional<String> chart,
    List<String> sets, Optional<Duration> timeout) {

  public DeployOptions {
    Objects.requireNonNull(release, "'release' must not be null");
    Objects.requireNonNull(namespace, "'namespace' must not be null");
    Objects.requireNonNull(chart, "'chart' must not be null");
    sets = List.copyOf(sets);
    Objects.requireNonNull(timeout, "'timeout' must not be null");
  }

  public static DeployOptions defaults() {
    return new DeployOptions(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
  }
}
