package io.dapp.domain.registry;

import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.NetworkSettings;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How dapp talks to registries, from {@code --insecure-registry} / {@code DAPP_INSECURE_REGISTRY},
 * {@code --platform}, {@code --jobs}, {@code --registry-mirror} / {@code DAPP_REGISTRY_MIRROR}, and the network
 * settings ({@code --cert-dir}, certs.d, proxies).
 *
 * @param insecureRegistries hosts that may be spoken to over plain HTTP (loopback hosts always may)
 * @param defaultPlatform the platform an index is resolved to when a caller names none
 * @param transferJobs how many blobs move at once; a client keeps at least as many connections per registry
 * @param mirrors Docker Hub's mirrors, tried in order before Docker Hub for base images, never for a push or delete
 * @param network TLS trust, client certificates and proxies
 */
public record RegistryOptions(Set<RegistryHost> insecureRegistries, Platform defaultPlatform, RetryPolicy retryPolicy,
    TransferJobs transferJobs, List<RegistryMirror> mirrors, NetworkSettings network) {

  public RegistryOptions {
    insecureRegistries = Set.copyOf(insecureRegistries);
    Objects.requireNonNull(defaultPlatform, "'defaultPlatform' must not be null");
    Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
    Objects.requireNonNull(transferJobs, "'transferJobs' must not be null");
    mirrors = List.copyOf(mirrors);
    Objects.requireNonNull(network, "'network' must not be null");
  }

  /** Without mirrors, with the default network settings. */
  public RegistryOptions(Set<RegistryHost> insecureRegistries, Platform defaultPlatform, RetryPolicy retryPolicy,
      TransferJobs transferJobs) {
    this(insecureRegistries, defaultPlatform, retryPolicy, transferJobs, List.of(), NetworkSettings.DEFAULT);
  }

  /** With the default number of parallel transfers. */
  public RegistryOptions(Set<RegistryHost> insecureRegistries, Platform defaultPlatform, RetryPolicy retryPolicy) {
    this(insecureRegistries, defaultPlatform, retryPolicy, TransferJobs.DEFAULT);
  }

  public static RegistryOptions defaults() {
    return new RegistryOptions(Set.of(), Platform.LINUX_AMD64, RetryPolicy.DEFAULT);
  }

  /**
   * Plain HTTP is allowed only where nothing leaves the machine or where the user said so: with
   * {@code --insecure-registry}, or by naming a mirror with {@code http://}.
   */
  public boolean allowsPlainHttp(RegistryHost host) {
    return host.isLoopback() || insecureRegistries.contains(host)
        || mirrors.stream().anyMatch(mirror -> mirror.plainHttp() && mirror.host().equals(host));
  }

  public RegistryOptions withRetryPolicy(RetryPolicy policy) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, policy, transferJobs, mirrors, network);
  }

  public RegistryOptions withTransferJobs(TransferJobs jobs) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, retryPolicy, jobs, mirrors, network);
  }

  public RegistryOptions withInsecureRegistries(Set<RegistryHost> hosts) {
    return new RegistryOptions(hosts, defaultPlatform, retryPolicy, transferJobs, mirrors, network);
  }

  public RegistryOptions withMirrors(List<RegistryMirror> list) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, retryPolicy, transferJobs, list, network);
  }

  public RegistryOptions withNetwork(NetworkSettings settings) {
    return new RegistryOptions(insecureRegistries, defaultPlatform, retryPolicy, transferJobs, mirrors, settings);
  }

  /** Whether base images of {@code host} come through mirrors: Docker Hub's, when any is given. */
  public boolean mirrored(RegistryHost host) {
    return host.isDockerHub() && !mirrors.isEmpty();
  }
}
