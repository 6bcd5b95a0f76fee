package io.dapp.adapters.env.dockerconfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A docker config's {@code config.json}, with the way error messages name it (the path, and for an
 * external config the variable that pointed dapp at it).
 */
record ConfigJsonFile(Path path, String description) {

  static final String FILE_NAME = "config.json";

  ConfigJsonFile {
    Objects.requireNonNull(path, "'path' must not be null");
    Objects.requireNonNull(description, "'description' must not be null");
  }

  static ConfigJsonFile in(Path directory) {
    Path path = directory.resolve(FILE_NAME);
    return new ConfigJsonFile(path, path.toString());
  }

  static ConfigJsonFile in(Path directory, String origin) {
    Path path = directory.resolve(FILE_NAME);
    return new ConfigJsonFile(path, path + " (" + origin + ")");
  }

  @Override
  public String toString() {
    return description;
  }
}
