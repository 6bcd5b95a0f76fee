package io.dapp.adapters.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.cleanup.CleanupPlan;
import io.dapp.domain.cleanup.CleanupRenderer;
import io.dapp.domain.cleanup.CleanupReport;
import io.dapp.domain.cleanup.DeleteOutcome;
import io.dapp.domain.cleanup.PlanEntry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cleanup plan as a table for people, or the whole report as JSON for scripts. */
public final class CleanupPlanOutput implements CleanupRenderer {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> HEADER = List.of("IMAGE", "DIGEST", "SCHEME", "DECISION", "REASON");
  /** {@code sha256:} and 12 hex digits, as docker shortens ids. */
  private static final int SHORT_DIGEST = 19;

  @Inject
  public CleanupPlanOutput() {
  }

  @Override
  public String table(CleanupPlan plan) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (PlanEntry entry : plan.entries()) {
      String digest = entry.image().digest().toString();
      rows.add(List.of(entry.image().repository().path() + ":" + entry.image().tag(),
          digest.substring(0, Math.min(SHORT_DIGEST, digest.length())), entry.schemeColumn(),
          entry.decision().toString(), entry.reason()));
    }
    int[] widths = new int[HEADER.size() - 1];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        table.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row.get(i)));
      }
      table.append(row.get(widths.length)).append(System.lineSeparator());
    }
    return table.toString();
  }

  @Override
  public String json(CleanupReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("command", report.command().displayName());
    root.put("repository", report.repository().toString());
    root.put("dryRun", report.dryRun());
    ArrayNode tags = root.putArray("tags");
    for (PlanEntry entry : report.plan().entries()) {
      ObjectNode tag = tags.addObject()
          .put("repository", entry.image().repository().toString())
          .put("tag", entry.image().tag())
          .put("digest", entry.image().digest().toString())
          .put("kind", entry.image().kind().name().toLowerCase(Locale.ROOT))
          .put("scheme", entry.schemeColumn())
          .put("decision", entry.decision().toString())
          .put("reason", entry.reason());
      report.outcome(entry).ifPresent(outcome -> {
        tag.put("outcome", outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        outcome.problem().ifPresent(problem -> tag.put("problem", problem));
      });
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("tags", report.plan().entries().size());
    summary.put("planned", report.plan().deletions().size());
    summary.put("manifests", report.plan().deleteTargets().size());
    summary.put("failed", report.outcomes().values().stream().filter(DeleteOutcome::failed).count());
    try {
      return MAPPER.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings cannot fail to serialise", e);
    }
  }
}
