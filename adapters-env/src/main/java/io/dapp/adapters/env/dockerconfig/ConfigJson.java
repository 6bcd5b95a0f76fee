package io.dapp.adapters.env.dockerconfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a config.json that say where credentials are: {@code auths}, {@code credHelpers}, {@code credsStore}.
 *
 * @param origin how messages name it: the file's path, or the variable that held it
 */
record ConfigJson(String origin, Map<String, AuthEntry> auths, Map<String, String> credHelpers,
    Optional<String> credsStore) {

  ConfigJson {
    Objects.requireNonNull(origin, "'origin' must not be null");
    Objects.requireNonNull(auths, "'auths' must not be null");
    Objects.requireNonNull(credHelpers, "'credHelpers' must not be null");
    Objects.requireNonNull(credsStore, "'credsStore' must not be null");
    // Kept in file order: when several keys name the same registry, the first one wins, every time.
    auths = Collections.unmodifiableMap(new LinkedHashMap<>(auths));
    credHelpers = Collections.unmodifiableMap(new LinkedHashMap<>(credHelpers));
  }

  static ConfigJson empty(String origin) {
    return new ConfigJson(origin, Map.of(), Map.of(), Optional.empty());
  }

  @Override
  public String toString() {
    return "ConfigJson[" + origin + ", auths=" + auths.keySet() + ", credHelpers=" + credHelpers
        + ", credsStore=" + credsStore.orElse("") + "]";
  }
}
