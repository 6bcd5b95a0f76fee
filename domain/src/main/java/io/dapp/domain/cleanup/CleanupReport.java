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
}
