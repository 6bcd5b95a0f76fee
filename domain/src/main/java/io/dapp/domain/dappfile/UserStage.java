package io.dapp.domain.dappfile;

/**
 * The stages a dappfile's {@code shell} runs commands in, in build order. Each is a stage of its own,
 * between the base image and the docker directives: {@code beforeInstall}, then the git archive, then
 * {@code install}, {@code beforeSetup} and {@code setup}; an artifact ends with {@code buildArtifact}.
 */
public enum UserStage {
  BEFORE_INSTALL("beforeInstall", "before_install"),
  INSTALL("install", "install"),
  BEFORE_SETUP("beforeSetup", "before_setup"),
  SETUP("setup", "setup"),
  /** An artifact's last stage, after setup: what it builds for dimgs to import. */
  BUILD_ARTIFACT("buildArtifact", "build_artifact");

  private final String key;
  private final String stageName;

  UserStage(String key, String stageName) {
    this.key = key;
    this.stageName = stageName;
  }

  /** As the dappfile writes it under {@code shell}: {@code beforeInstall}. */
  public String key() {
    return key;
  }

  /** As the original dapp named the stage, in logs and signatures: {@code before_install}. */
  public String stageName() {
    return stageName;
  }

  /** The key of this stage's own cache version: {@code beforeInstallCacheVersion}. */
  public String cacheVersionKey() {
    return key + "CacheVersion";
  }
}
