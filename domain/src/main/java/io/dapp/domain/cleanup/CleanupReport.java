package io.dapp.domain.cleanup;

import io.dapp.domain.model.Repository;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.WorkResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The plan of one cleaning command and, after a real run, the outcome of each delete. */
public record CleanupReport(DappCommand command, Repository repository, boolean dryRun, CleanupPlan plan,
    Map<PlanEntry, DeleteOutcome> outcomes) implements WorkResult {

  public CleanupReport {
    Objects.requireNonNull(command, "'command' must not be null");
    Objects.requireNonNull(repository, "'repository' must not be null");
    Objects.requireNonNull(plan, "'plan' must not be null");
    outcomes = new LinkedHashMap<>(outcomes);
  }

  public Optional<DeleteOutcome> outcome(PlanEntry entry) {
    return Optional.ofNullable(outcomes.get(entry));
  }

  /** How many planned deletes failed. */
  public long failedDeletes() {
    return outcomes.values().stream().filter(DeleteOutcome::failed).count();
  }

  /**
   * The command fails when a delete did, after all the others were tried (and shown).
   *
   * @throws CleanupFailedException carrying this report, when any planned delete failed
   */
  public void requireAllDeleted() throws CleanupFailedException {
    long failed = failedDeletes();
    if (failed > 0) {
      throw new CleanupFailedException(failed + " of " + outcomes.size() + " planned tag deletions failed"
          + " (the other deletes completed)", this);
    }
  }
}
