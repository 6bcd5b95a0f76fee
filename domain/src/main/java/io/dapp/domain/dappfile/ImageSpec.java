package io.dapp.domain.dappfile;

import java.util.List;

/**
 * What a dappfile document builds, dimg or artifact: a base image, files from git, imports from artifacts,
 * shell commands, mounts while they run, and (dimgs only) docker directives. Both are built the same way,
 * stage by stage; a dimg's last stage is tagged and pushed as an image, an artifact's is only imported from.
 */
public sealed interface ImageSpec permits Dimg, Artifact {

  BaseImage from();

  List<GitMapping> git();

  ShellStages shell();

  List<Import> imports();

  List<Mount> mounts();

  /** The docker directives; {@link DockerInstructions#NONE} for an artifact. */
  DockerInstructions docker();

  /** As messages name it: {@code dimg 'backend'}, {@code the nameless dimg}, {@code artifact 'assets'}. */
  String describe();

  /** As progress lines start: {@code backend}, {@code (nameless dimg)}, {@code artifact assets}. */
  String subject();

  /** As a stage's output lines are prefixed: {@code backend/install}, {@code assets/setup}, {@code install}. */
  String outputPrefix(String stageName);
}
