package io.dapp.domain.cleanup;

import io.dapp.domain.usecase.DappCommand;

/** The four cleaning commands. */
public enum CleanupKind {
  /** {@code dimg cleanup repo}: the policy decides, per dimg. */
  DIMG_CLEANUP(DappCommand.DIMG_CLEANUP_REPO),
  /** {@code dimg flush repo}: every dimg image (and with --with-stages every stage). */
  DIMG_FLUSH(DappCommand.DIMG_FLUSH_REPO),
  /** {@code dimg stages cleanup repo}: the stages no dimg image uses. */
  STAGES_CLEANUP(DappCommand.DIMG_STAGES_CLEANUP_REPO),
  /** {@code dimg stages flush repo}: every stage. */
  STAGES_FLUSH(DappCommand.DIMG_STAGES_FLUSH_REPO);

  private final DappCommand command;

  CleanupKind(DappCommand command) {
    this.command = command;
  }

  public DappCommand command() {
    return command;
  }
}
