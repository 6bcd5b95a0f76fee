package io.dapp.domain.registry;

import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import java.util.Objects;
import java.util.Set;

/**
 * How dapp talks to registries, from {@code --insecure-registry} / {@code DAPP_INSECURE_REGISTRY} and
 * {@code --platform} and {@code --jobs}.
 *
 * @param insecureRegistries hosts that may be spoken to over plain HTTP (loopback hosts always may)
 * @param defaultPlatform the platform an index is resolved to when a caller names none
 * @param transferJobs how many blobs move at once; a client keeps at least as many connections per registry
 */
public record RegistryOptions(Set<RegistryHost> insecureRegistries, Platform defaultPlatform, RetryPolicy retryPolicy,
    TransferJobs transferJobs) {

  public RegistryOptions {
    insecureRegistries = Set.copyOf(insecureRegistries);
    Objects.requireNonNull(defaultPlatform, "'defaultPlatform' must not be null");
    Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
    Objects.requireNonNull(transferJobs, "'transferJobs' must not be null");
  }

  /** With the default number of parallel transfers. */
  public RegistryOptions(Set<RegistryHost> insecureRegistries, Platform defaultPlatform, RetryPolicy retryPolicy) {
    this(insecureRegistries, defaultPlatform, retryPolicy, TransferJobs.DEFAULT);
  }

  public static RegistryOptions defaults() {
    return new RegistryOptions(Set.of(), Platform.LINUX_AMD64, RetryPolicy.DEFAULT);
  }

  /** Plain HTTP is allowed only where nothing leaves the machine or where the user said so. */
  public boolean allowsPlainHttp(RegistryHost host) {
    return host.isLoopback() || insecureRegistries.contains(host);
  }

  public RegistryOptions withRetryPolicy(RetryPolicy policy) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, policy, transferJobs);
  }

  public RegistryOptions withTransferJobs(TransferJobs jobs) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, retryPolicy, jobs);
  }
}
