package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One dimg of a dappfile: its name (none for the single nameless dimg), base image, files from git, imports
 * from artifacts, shell commands, mounts and image config. Its name becomes part of image names, so it
 * follows the grammar of a repository path component.
 */
public record Dimg(Optional<String> name, BaseImage from, List<GitMapping> git, ShellStages shell,
    DockerInstructions docker, List<Import> imports, List<Mount> mounts) implements ImageSpec {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

  /** What the nameless dimg's final image is called in the local store. */
  public static final String NAMELESS_IMAGE_NAME = "nameless-dimg";

  public Dimg {
    Objects.requireNonNull(name, "'name' must not be null");
    Objects.requireNonNull(from, "'from' must not be null");
    git = List.copyOf(git);
    Objects.requireNonNull(shell, "'shell' must not be null");
    Objects.requireNonNull(docker, "'docker' must not be null");
    imports = List.copyOf(imports);
    mounts = List.copyOf(mounts);
    if (shell.commands().containsKey(UserStage.BUILD_ARTIFACT)) {
      throw new IllegalArgumentException("'shell.buildArtifact' is for artifacts only, not dimgs");
    }
    name.ifPresent(n -> {
      String problem = nameProblem(n);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    });
  }

  /** A dimg that runs no commands. */
  public Dimg(Optional<String> name, BaseImage from, List<GitMapping> git, DockerInstructions docker) {
    this(name, from, git, ShellStages.NONE, docker);
  }

  /** A dimg that imports nothing and mounts nothing. */
  public Dimg(Optional<String> name, BaseImage from, List<GitMapping> git, ShellStages shell,
      DockerInstructions docker) {
    this(name, from, git, shell, docker, List.of(), List.of());
  }

  /** Why {@code name} cannot name a dimg, or null when it can. */
  public static String nameProblem(String name) {
    return NAME.matcher(name).matches() ? null
        : "dimg name " + UserText.quote(name) + " must be lower-case letters and digits, separated by '.', '_' or '-'";
  }

  /** As messages name it: {@code dimg 'backend'}, or {@code the nameless dimg}. */
  @Override
  public String describe() {
    return name.map(n -> "dimg " + UserText.quote(n)).orElse("the nameless dimg");
  }

  @Override
  public String subject() {
    return name.orElse("(nameless dimg)");
  }

  @Override
  public String outputPrefix(String stageName) {
    return name.map(n -> n + "/").orElse("") + stageName;
  }

  /** The reference name of its final image in the local store. */
  public String imageName() {
    return name.orElse(NAMELESS_IMAGE_NAME);
  }
}
