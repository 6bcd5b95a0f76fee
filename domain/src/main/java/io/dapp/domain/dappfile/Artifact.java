package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import java.util.List;
import java.util.Objects;

/**
 * An {@code artifact} document: built like a dimg, stage by stage, into the stage cache, but never tagged or
 * pushed as an image: dimgs (and other artifacts) {@link Import} files from its final filesystem. It has no
 * docker directives; its last stage may be {@code buildArtifact}. {@code line} lets messages point at it.
 */
public record Artifact(String name, BaseImage from, List<GitMapping> git, ShellStages shell, List<Import> imports,
    List<Mount> mounts, int line) implements ImageSpec {

  public Artifact {
    Objects.requireNonNull(name, "'name' must not be null");
    Objects.requireNonNull(from, "'from' must not be null");
    git = List.copyOf(git);
    Objects.requireNonNull(shell, "'shell' must not be null");
    imports = List.copyOf(imports);
    mounts = List.copyOf(mounts);
    if (name.isBlank()) {
      throw new IllegalArgumentException("an artifact needs a name");
    }
  }

  /** An artifact that only names its base image. */
  public Artifact(String name, BaseImage from, int line) {
    this(name, from, List.of(), ShellStages.NONE, List.of(), List.of(), line);
  }

  @Override
  public DockerInstructions docker() {
    return DockerInstructions.NONE;
  }

  @Override
  public String describe() {
    return "artifact " + UserText.quote(name);
  }

  @Override
  public String subject() {
    return "artifact " + name;
  }

  @Override
  public String outputPrefix(String stageName) {
    return name + "/" + stageName;
  }
}
