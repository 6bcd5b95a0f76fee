package io.dapp.domain.localstore;

import io.dapp.domain.usecase.DappCommand;

/** The commands that clean the local image store, and what each removes besides unreferenced blobs. */
public enum LocalCleanupKind {
  /** {@code dimg flush local}: the project's dimg images. */
  DIMG_FLUSH(DappCommand.DIMG_FLUSH_LOCAL, false, true),
  /** {@code dimg stages cleanup local}: the project's stages that no current stage chain has. */
  STAGES_CLEANUP(DappCommand.DIMG_STAGES_CLEANUP_LOCAL, true, false),
  /** {@code dimg stages flush local}: every stage and dimg image of the project. */
  STAGES_FLUSH(DappCommand.DIMG_STAGES_FLUSH_LOCAL, true, true);

  private final DappCommand command;
  private final boolean stages;
  private final boolean dimgImages;

  LocalCleanupKind(DappCommand command, boolean stages, boolean dimgImages) {
    this.command = command;
    this.stages = stages;
    this.dimgImages = dimgImages;
  }

  public DappCommand command() {
    return command;
  }

  /** Whether it removes stage references ({@code dimgstage-<signature>}). */
  boolean removesStages() {
    return stages;
  }

  /** Whether it removes dimg image references (named after the dimgs). */
  boolean removesDimgImages() {
    return dimgImages;
  }

  /** Whether only the stages outside the current stage chains go. */
  boolean keepsCurrentStages() {
    return this == STAGES_CLEANUP;
  }
}
