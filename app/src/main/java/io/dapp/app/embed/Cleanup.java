package io.dapp.app.embed;

import io.dapp.domain.cleanup.CleanupKind;
import java.util.Objects;

/**
 * Which cleaning to plan or run, as one of the four cleaning commands would.
 *
 * @param kind {@code dimg cleanup repo}, {@code dimg flush repo}, {@code dimg stages cleanup repo} or
 *     {@code dimg stages flush repo}
 * @param withStages {@code --with-stages}: also the stages no remaining dimg image uses (flush: every stage)
 * @param askKubernetes whether {@code dimg cleanup repo} asks kubectl which images are in use and keeps them
 *     (the command line's default; {@code --without-kube} is false)
 */
public record Cleanup(CleanupKind kind, boolean withStages, boolean askKubernetes) {

  public Cleanup {
    Objects.requireNonNull(kind, "'kind' must not be null");
  }

  /** {@code dimg cleanup repo} as a pipeline runs it: by policy, dimgs only, asking Kubernetes. */
  public static Cleanup byPolicy() {
    return new Cleanup(CleanupKind.DIMG_CLEANUP, false, true);
  }
}
