package io.dapp.adapters.env.process;

import io.dapp.domain.port.Environment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The directories in which programs are looked up by name, as a shell does with {@code PATH}. It is a
 * value rather than the JVM's own environment so that tests can put a fake helper first.
 */
public record ExecutableSearchPath(List<Path> directories) {

  public ExecutableSearchPath {
    Objects.requireNonNull(directories, "'directories' must not be null");
    directories = List.copyOf(directories);
  }

  /** The directories of the environment's {@code PATH}; empty entries are skipped, as they are unsafe. */
  public static ExecutableSearchPath fromEnvironment(Environment environment) {
    Objects.requireNonNull(environment, "'environment' must not be null");
    List<Path> directories = new ArrayList<>();
    for (String entry : environment.variable("PATH").orElse("").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      try {
        directories.add(Path.of(entry));
      } catch (InvalidPathException e) {
        // A PATH entry that is not a path cannot hold a program; the shell would skip it too.
      }
    }
    return new ExecutableSearchPath(directories);
  }

  public static ExecutableSearchPath of(Path... directories) {
    return new ExecutableSearchPath(List.of(directories));
  }

  /** The first executable regular file of that name, in search order. */
  public Optional<Path> find(String name) {
    Objects.requireNonNull(name, "'name' must not be null");
    if (name.isEmpty() || name.contains("/") || name.contains(File.separator)) {
      return Optional.empty();
    }
    return directories.stream()
        .map(directory -> directory.resolve(name))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }
}
