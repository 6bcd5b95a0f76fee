package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import io.dapp.domain.image.ImagePaths;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code git} entry of a dimg: the files under {@code add} (a path in the project's repository) that the
 * globs select, copied to {@code to} in the image, owned by {@code owner}/{@code group} (root when absent).
 * {@code stageDependencies} name, per user stage, the files (globs relative to {@code add}) whose change
 * must rebuild that stage: the patch before it then brings every changed file (see the build's git stages).
 */
public record GitMapping(String add, String to, List<String> includePaths, List<String> excludePaths,
    Optional<String> owner, Optional<String> group, Map<UserStage, List<String>> stageDependencies) {

  public GitMapping {
    Objects.requireNonNull(add, "'add' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    includePaths = List.copyOf(includePaths);
    excludePaths = List.copyOf(excludePaths);
    Objects.requireNonNull(owner, "'owner' must not be null");
    Objects.requireNonNull(group, "'group' must not be null");
    check("add", add);
    check("to", to);
    for (String glob : includePaths) {
      PathGlob.check(glob);
    }
    for (String glob : excludePaths) {
      PathGlob.check(glob);
    }
    owner.ifPresent(o -> checkId("owner", o));
    group.ifPresent(g -> checkId("group", g));
    EnumMap<UserStage, List<String>> dependencies = new EnumMap<>(UserStage.class);
    stageDependencies.forEach((stage, globs) -> {
      if (stage == UserStage.BEFORE_INSTALL) {
        throw new IllegalArgumentException("'stageDependencies' has no beforeInstall: the git files are added "
            + "after it");
      }
      globs.forEach(PathGlob::check);
      if (!globs.isEmpty()) {
        dependencies.put(stage, List.copyOf(globs));
      }
    });
    stageDependencies = Collections.unmodifiableMap(dependencies);
  }

  /** An entry without stage dependencies. */
  public GitMapping(String add, String to, List<String> includePaths, List<String> excludePaths,
      Optional<String> owner, Optional<String> group) {
    this(add, to, includePaths, excludePaths, owner, group, Map.of());
  }

  /** The globs whose files rebuild {@code stage} when they change; empty when none. */
  public List<String> dependencies(UserStage stage) {
    return stageDependencies.getOrDefault(stage, List.of());
  }

  private static void check(String key, String path) {
    String problem = ImagePaths.absoluteProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException("'" + key + "' " + UserText.escape(path) + ": " + problem);
    }
  }

  static void checkId(String key, String value) {
    if (!value.matches("[0-9]+|[a-z_][a-z0-9_.-]*[$]?")) {
      throw new IllegalArgumentException("'" + key + "' " + UserText.escape(value)
          + ": expected a numeric id or a user/group name");
    }
  }

  /** {@code add} relative to the repository root; empty for the whole repository. */
  public String sourceDirectory() {
    return ImagePaths.stripSlashes(add);
  }

  /** {@code to} relative to the image root; empty for the root. */
  public String targetDirectory() {
    return ImagePaths.stripSlashes(to);
  }
}
