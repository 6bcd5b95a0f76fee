package io.dapp.domain.image;

/**
 * The config labels dapp puts on what it pushes, as agreed between push and cleanup. Cleanup decides by
 * them alone: an image without {@link #DIMG} is not dapp's and is never deleted by a policy.
 */
public final class DappLabels {

  /** {@code true} on dimg images, {@code false} on stages. */
  public static final String DIMG = "dapp-dimg";
  /** On dimg images: git_tag, git_branch, git_commit, custom or ci (see {@code TagScheme}). */
  public static final String TAG_SCHEME = "dapp-tag-scheme";
  /** On dimg images: the dimg's name; absent or empty for the nameless dimg. */
  public static final String DIMG_NAME = "dapp-dimg-name";
  /** On dimg images the signature of their last stage; on stages their own signature. */
  public static final String STAGE_SIGNATURE = "dapp-stage-signature";
  /** On stages: the signature of the stage built before it; absent on the first stage. */
  public static final String PARENT_STAGE_SIGNATURE = "dapp-parent-stage-signature";
  /**
   * On a stage that imports from artifacts: the signatures of those artifacts' last stages, space-separated;
   * cleanup keeps them (and their parents) for as long as the stage is kept.
   */
  public static final String IMPORTED_STAGE_SIGNATURES = "dapp-imported-stage-signatures";
  /**
   * On a git stage (archive or patch): the digest of the project files the image holds after it, as the
   * stage's signature inputs name them; a later build compares it with the files now to decide on a patch.
   */
  public static final String GIT_STATE = "dapp-git-state";
  /** On a git stage of a git project: the commit its files were taken from. */
  public static final String GIT_COMMIT = "dapp-git-commit";
  /** Stages are pushed as {@code REPO:dimgstage-<signature>}. */
  public static final String STAGE_TAG_PREFIX = "dimgstage-";

  private DappLabels() {}
}
