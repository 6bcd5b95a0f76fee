package io.dapp.domain.dockerconfig;

import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.model.RegistryHost;
import java.util.Objects;
import java.util.Optional;

/**
 * How docker names registries inside a docker config: the key it writes for a registry, and the key it
 * picks among those a config.json holds ({@code auths} and {@code credHelpers}).
 */
public final class DockerConfigKeys {

  /** Docker Hub is keyed by its legacy v1 index address, for docker.io and all its aliases. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  private DockerConfigKeys() {
  }

  /** The key docker writes for a registry; it is also the server URL a credential helper is asked about. */
  public static String keyFor(RegistryHost host) {
    Objects.requireNonNull(host, "'host' must not be null");
    return host.isDockerHub() ? DOCKER_HUB_KEY : host.name();
  }

  /**
   * The key that applies to a registry, as docker looks it up: the exact key first, then the first key (in
   * the given order) that names the same registry once reduced to its host (scheme and path stripped, port
   * kept, case ignored, Docker Hub's spellings taken as one). Keys that name no registry are passed over.
   */
  public static Optional<String> find(Iterable<String> keys, RegistryHost host) {
    Objects.requireNonNull(keys, "'keys' must not be null");
    Objects.requireNonNull(host, "'host' must not be null");
    String exact = keyFor(host);
    for (String key : keys) {
      if (key.equals(exact)) {
        return Optional.of(key);
      }
    }
    for (String key : keys) {
      if (hostOf(key).filter(host::equals).isPresent()) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** The registry a key names ({@code http://host:5000/v2/} → {@code host:5000}), if it names one. */
  public static Optional<RegistryHost> hostOf(String key) {
    Objects.requireNonNull(key, "'key' must not be null");
    try {
      return Optional.of(RegistryHost.parse(key));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }
}
