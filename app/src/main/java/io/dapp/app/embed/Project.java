package io.dapp.app.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The project a call works on: the directory holding {@code dappfile.yaml} (a git work tree or a plain
 * directory) and the dimgs to work with, all of the dappfile's when none are named.
 *
 * @param directory what {@code --dir} names on the command line
 * @param dimgs what the DIMG arguments name
 */
public record Project(Path directory, List<String> dimgs) {

  public Project {
    Objects.requireNonNull(directory, "'directory' must not be null");
    dimgs = List.copyOf(dimgs);
  }

  /** Every dimg of the dappfile in {@code directory}. */
  public static Project in(Path directory) {
    return new Project(directory, List.of());
  }

  /** Only these dimgs of this project. */
  public Project dimgs(String... names) {
    return new Project(directory, List.of(names));
  }
}
