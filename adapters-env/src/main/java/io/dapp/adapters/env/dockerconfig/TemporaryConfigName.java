package io.dapp.adapters.env.dockerconfig;

import io.dapp.adapters.env.process.ProcessIdentity;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a temporary docker config directory, {@code dapp-docker-config-<pid>-<start millis>-<random>}:
 * it says which process owns it, so a later run can tell whether that process is gone.
 */
record TemporaryConfigName(ProcessIdentity owner) {

  static final String PREFIX = "dapp-docker-config-";
  static final String GLOB = PREFIX + "*";
  private static final Pattern NAME = Pattern.compile(
      Pattern.quote(PREFIX) + "([0-9]{1,18})-([0-9]{1,18})-[0-9A-Za-z]+");

  TemporaryConfigName {
    Objects.requireNonNull(owner, "'owner' must not be null");
  }

  /** The name up to its random part, which {@code Files.createTempDirectory} appends. */
  String prefix() {
    return PREFIX + owner.pid() + "-" + owner.startEpochMillis() + "-";
  }

  /** The owner named by a directory name; empty for any name dapp does not write. */
  static Optional<TemporaryConfigName> parse(String fileName) {
    Matcher matcher = NAME.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long pid = Long.parseLong(matcher.group(1));
    if (pid == 0) {
      return Optional.empty();
    }
    return Optional.of(new TemporaryConfigName(new ProcessIdentity(pid, Long.parseLong(matcher.group(2)))));
  }
}
