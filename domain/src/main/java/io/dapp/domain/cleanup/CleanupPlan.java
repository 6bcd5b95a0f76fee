package io.dapp.domain.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tag that was read, with its decision. By construction (see {@link CleanupPolicy}) a digest is
 * deleted only when every tag that points to it in its repository is to be deleted.
 */
public record CleanupPlan(List<PlanEntry> entries) {

  public CleanupPlan {
    entries = List.copyOf(entries);
  }

  public List<PlanEntry> deletions() {
    return entries.stream().filter(PlanEntry::deletes).toList();
  }

  /** The manifest deletes to run, each with the tags it removes, in plan order. */
  public Map<DeleteTarget, List<PlanEntry>> deleteTargets() {
    Map<DeleteTarget, List<PlanEntry>> targets = new LinkedHashMap<>();
    for (PlanEntry entry : deletions()) {
      targets.computeIfAbsent(DeleteTarget.of(entry.image()), t -> new ArrayList<>()).add(entry);
    }
    return targets;
  }

  public Optional<PlanEntry> entry(String imageName) {
    return entries.stream().filter(e -> e.image().toString().equals(imageName)).findFirst();
  }
}
