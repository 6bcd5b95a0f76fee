package io.dapp.adapters.env.dockerconfig;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The temporary configs of one store that are still on disk. One shutdown hook, registered on first use,
 * removes them when the JVM exits without closing them: SIGTERM, SIGINT, System.exit.
 */
final class LiveTemporaryConfigs {

  private final Set<FileTemporaryDockerConfig> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookRegistered = new AtomicBoolean();

  /**
   * Registers the shutdown hook if this is the first config.
   *
   * @throws IllegalStateException when the JVM is already shutting down
   */
  void ensureShutdownHook() {
    if (hookRegistered.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "dapp-temporary-docker-config-removal"));
      } catch (IllegalStateException e) {
        hookRegistered.set(false);
        throw e;
      }
    }
  }

  void add(FileTemporaryDockerConfig config) {
    live.add(config);
  }

  void remove(FileTemporaryDockerConfig config) {
    live.remove(config);
  }

  int size() {
    return live.size();
  }

  void removeAll() {
    live.forEach(FileTemporaryDockerConfig::close);
  }
}
