package io.dapp.domain.usecase;

import io.dapp.domain.model.CommandCategory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every dapp command that works with a registry, with the categories it logs in for, in order: {@code bp}
 * builds (pulling base images) and then pushes, so it runs the login procedure once per phase. The
 * {@code local} commands work on the local image store only: their category needs no login.
 */
public enum DappCommand {
  DIMG_BUILD("dimg build", CommandCategory.BUILD),
  DIMG_PUSH("dimg push", CommandCategory.PUSH),
  DIMG_SPUSH("dimg spush", CommandCategory.PUSH),
  DIMG_BP("dimg bp", CommandCategory.BUILD, CommandCategory.PUSH),
  DIMG_STAGES_PUSH("dimg stages push", CommandCategory.PUSH),
  DIMG_STAGES_PULL("dimg stages pull", CommandCategory.PULL),
  DIMG_CLEANUP_REPO("dimg cleanup repo", CommandCategory.CLEANUP),
  DIMG_FLUSH_REPO("dimg flush repo", CommandCategory.CLEANUP),
  DIMG_STAGES_CLEANUP_REPO("dimg stages cleanup repo", CommandCategory.CLEANUP),
  DIMG_STAGES_FLUSH_REPO("dimg stages flush repo", CommandCategory.CLEANUP),
  KUBE_DEPLOY("kube deploy", CommandCategory.DEPLOY),
  KUBE_VALUES("kube values", CommandCategory.DEPLOY),
  DIMG_FLUSH_LOCAL("dimg flush local", CommandCategory.LOCAL),
  DIMG_STAGES_CLEANUP_LOCAL("dimg stages cleanup local", CommandCategory.LOCAL),
  DIMG_STAGES_FLUSH_LOCAL("dimg stages flush local", CommandCategory.LOCAL);

  private final String displayName;
  private final List<CommandCategory> phases;

  DappCommand(String displayName, CommandCategory... phases) {
    this.displayName = displayName;
    this.phases = List.of(phases);
  }

  /** As typed after {@code dapp}: {@code dimg stages pull}. */
  public String displayName() {
    return displayName;
  }

  /** The categories this command logs in for, in the order it works. */
  public List<CommandCategory> phases() {
    return phases;
  }

  /** Whether the command takes a REPO argument: all but {@code dimg build} and the local ones. */
  public boolean takesRepository() {
    return this != DIMG_BUILD && !isLocal();
  }

  /** Whether the command works on the local image store only, with no registry and so no login. */
  public boolean isLocal() {
    return phases.equals(List.of(CommandCategory.LOCAL));
  }

  public static Optional<DappCommand> byDisplayName(String displayName) {
    return Arrays.stream(values()).filter(c -> c.displayName.equals(displayName)).findFirst();
  }
}
