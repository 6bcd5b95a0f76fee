package io.dapp.adapters.env.dockerconfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The parts of a config.json that say where credentials are: {@code auths}, {@code credHelpers}, {@code credsStore}. */
record ConfigJson(ConfigJsonFile file, Map<String, AuthEntry> auths, Map<String, String> credHelpers,
    Optional<String> credsStore) {

  ConfigJson {
    Objects.requireNonNull(file, "'file' must not be null");
    Objects.requireNonNull(auths, "'auths' must not be null");
    Objects.requireNonNull(credHelpers, "'credHelpers' must not be null");
    Objects.requireNonNull(credsStore, "'credsStore' must not be null");
    // Kept in file order: when several keys name the same registry, the first one wins, every time.
    auths = Collections.unmodifiableMap(new LinkedHashMap<>(auths));
    credHelpers = Collections.unmodifiableMap(new LinkedHashMap<>(credHelpers));
  }

  static ConfigJson empty(ConfigJsonFile file) {
    return new ConfigJson(file, Map.of(), Map.of(), Optional.empty());
  }

  @Override
  public String toString() {
    return "ConfigJson[" + file + ", auths=" + auths.keySet() + ", credHelpers=" + credHelpers
        + ", credsStore=" + credsStore.orElse("") + "]";
  }
}
