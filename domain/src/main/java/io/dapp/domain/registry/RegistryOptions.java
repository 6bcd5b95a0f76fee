package io.dapp.domain.registry;

import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import java.util.Objects;
import java.util.Set;

/**
 * How dapp talks to registries, from {@code --insecure-registry} / {@code DAPP_INSECURE_REGISTRY} and
 * {@code --platform}.
 *
 * @param insecureRegistries hosts that may be spoken to over plain HTTP (loopback hosts always may)
 * @param defaultPlatform the platform an index is resolved to when a caller names none
 */
public record RegistryOptions(Set<RegistryHost> insecureRegistries, Platform defaultPlatform, RetryPolicy retryPolicy) {

  public RegistryOptions {
    insecureRegistries = Set.copyOf(insecureRegistries);
    Objects.requireNonNull(defaultPlatform, "'defaultPlatform' must not be null");
    Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
  }

  public static RegistryOptions defaults() {
    return new RegistryOptions(Set.of(), Platform.LINUX_AMD64, RetryPolicy.DEFAULT);
  }

  /** Plain HTTP is allowed only where nothing leaves the machine or where the user said so. */
  public boolean allowsPlainHttp(RegistryHost host) {
    return host.isLoopback() || insecureRegistries.contains(host);
  }

  public RegistryOptions withRetryPolicy(RetryPolicy policy) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, policy);
  }
}
