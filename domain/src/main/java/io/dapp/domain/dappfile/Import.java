package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import io.dapp.domain.image.ImagePaths;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code import} of a dimg or artifact: the files under {@code add} in an artifact's final filesystem
 * that the globs select, copied to {@code to} (the same path when not given) at {@code position} in the stage
 * order, owned by {@code owner}/{@code group} (as in the artifact when absent). {@code line} is where the
 * dappfile says so.
 */
public record Import(String artifact, String add, String to, List<String> includePaths, List<String> excludePaths,
    Position position, Optional<String> owner, Optional<String> group, int line) {

  /** Where in the stage order the files are copied: before or after the install or setup stage. */
  public enum Position {
    BEFORE_INSTALL("before", UserStage.INSTALL, "before_install_artifact"),
    AFTER_INSTALL("after", UserStage.INSTALL, "after_install_artifact"),
    BEFORE_SETUP("before", UserStage.SETUP, "before_setup_artifact"),
    AFTER_SETUP("after", UserStage.SETUP, "after_setup_artifact");

    private final String relation;
    private final UserStage stage;
    private final String stageName;

    Position(String relation, UserStage stage, String stageName) {
      this.relation = relation;
      this.stage = stage;
      this.stageName = stageName;
    }

    /** As the dappfile writes it: {@code before: install}. */
    public String describe() {
      return relation + ": " + stage.key();
    }

    /** The original dapp's name of the stage that copies the files: {@code after_install_artifact}. */
    public String stageName() {
      return stageName;
    }

    /** {@code before} or {@code after} and {@code install} or {@code setup}. */
    public static Optional<Position> of(String relation, String stage) {
      for (Position position : values()) {
        if (position.relation.equals(relation) && position.stage.key().equals(stage)) {
          return Optional.of(position);
        }
      }
      return Optional.empty();
    }
  }

  public Import {
    Objects.requireNonNull(artifact, "'artifact' must not be null");
    Objects.requireNonNull(add, "'add' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    includePaths = List.copyOf(includePaths);
    excludePaths = List.copyOf(excludePaths);
    Objects.requireNonNull(position, "'position' must not be null");
    Objects.requireNonNull(owner, "'owner' must not be null");
    Objects.requireNonNull(group, "'group' must not be null");
    if (artifact.isBlank()) {
      throw new IllegalArgumentException("an import names an artifact");
    }
    for (String[] path : List.of(new String[] {"add", add}, new String[] {"to", to})) {
      String problem = ImagePaths.absoluteProblem(path[1]);
      if (problem != null) {
        throw new IllegalArgumentException("'" + path[0] + "' " + UserText.escape(path[1]) + ": " + problem);
      }
    }
    includePaths.forEach(PathGlob::check);
    excludePaths.forEach(PathGlob::check);
    owner.ifPresent(o -> GitMapping.checkId("owner", o));
    group.ifPresent(g -> GitMapping.checkId("group", g));
  }

  /** {@code add} relative to the artifact's root; empty for the root. */
  public String sourcePath() {
    return ImagePaths.stripSlashes(add);
  }

  /** {@code to} relative to the image root; empty for the root. */
  public String targetPath() {
    return ImagePaths.stripSlashes(to);
  }

  /** As messages name it: {@code import of /src/dist from artifact 'assets'}. */
  public String describe() {
    return "import of " + add + " from artifact " + UserText.quote(artifact);
  }
}
