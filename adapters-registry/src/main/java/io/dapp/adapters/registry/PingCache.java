package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What pinging each registry taught one factory: where its API is and which challenges it sets. Every
 * client the factory opens shares it, so the unauthenticated ping of a login verification also serves the
 * work that follows (a GitLab job's push was sending {@code GET /v2/} twice). A ping is remembered with the
 * schemes it was allowed to try, so a client with other {@code --insecure-registry} settings pings for itself.
 */
final class PingCache {

  private record Key(RegistryHost host, List<String> schemes) {}

  private final Map<Key, RegistryPinger.Ping> pings = new ConcurrentHashMap<>();

  Optional<RegistryPinger.Ping> find(RegistryHost host, List<String> schemes) {
    return Optional.ofNullable(pings.get(new Key(host, List.copyOf(schemes))));
  }

  void remember(RegistryHost host, List<String> schemes, RegistryPinger.Ping ping) {
    pings.put(new Key(host, List.copyOf(schemes)), ping);
  }
}
