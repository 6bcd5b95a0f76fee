package io.dapp.domain.cleanup;

/**
 * The options of the cleaning commands, carried in the invocation's {@code CommandOptions}.
 *
 * @param dryRun print the plan and change nothing
 * @param json print the plan (and the outcomes) as one JSON document instead of a table
 * @param withStages also delete the stages that no remaining dimg image uses (flush: all stages)
 * @param withoutKube do not ask Kubernetes which images are in use
 */
public record CleanupOptions(boolean dryRun, boolean json, boolean withStages, boolean withoutKube) {

  /** What a cleaning command does without options: a real run, a table, dimgs only, asking Kubernetes. */
  public static final CleanupOptions DEFAULTS = new CleanupOptions(false, false, false, false);
}
