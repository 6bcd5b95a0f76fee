package io.dapp.adapters.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.cleanup.CleanupPlan;
import io.dapp.domain.cleanup.CleanupReport;
import io.dapp.domain.cleanup.DeleteOutcome;
import io.dapp.domain.cleanup.PlanEntry;
import io.dapp.domain.port.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a cleaning command prints, from its {@link CleanupReport}: the plan as a table for people, each
 * delete's outcome and a summary; or the whole report as JSON for scripts. A delete that failed or was
 * called off is a warning either way.
 */
public final class CleanupPlanOutput {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> HEADER = List.of("IMAGE", "DIGEST", "SCHEME", "DECISION", "REASON");
  /** {@code sha256:} and 12 hex digits, as docker shortens ids. */
  private static final int SHORT_DIGEST = 19;

  /** Prints the report on the console, as a table (or JSON), then the outcomes and a summary. */
  public void print(CleanupReport report, boolean json, Console console) {
    if (!json) {
      console.info(table(report.plan()).stripTrailing());
    }
    for (PlanEntry entry : report.plan().deletions()) {
      report.outcome(entry).ifPresent(outcome -> {
        if (outcome.failed()) {
          console.warn("could not delete " + entry.image() + ": " + outcome.problem().orElseThrow());
        } else if (outcome.status() == DeleteOutcome.Status.KEPT) {
          console.warn("kept " + entry.image() + ": " + outcome.problem().orElseThrow());
        } else if (!json) {
          console.info((outcome.status() == DeleteOutcome.Status.DELETED ? "deleted " : "already gone: ")
              + entry.image());
        }
      });
    }
    console.info(json ? json(report).stripTrailing() : summary(report));
  }

  /** The plan as a table, one tag a line, with a header; ends with a line separator. */
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

  /** The whole report as one JSON document; ends with a line separator. */
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

  private static String summary(CleanupReport report) {
    List<PlanEntry> deletions = report.plan().deletions();
    int manifests = report.plan().deleteTargets().size();
    if (report.dryRun()) {
      return "dry run: " + deletions.size() + " of " + report.plan().entries().size() + " tag(s) would be deleted ("
          + manifests + " manifest(s)); nothing was changed";
    }
    long failed = report.failedDeletes();
    long kept = report.outcomes().values().stream().filter(o -> o.status() == DeleteOutcome.Status.KEPT).count();
    return (deletions.size() - failed - kept) + " of " + report.plan().entries().size() + " tag(s) deleted, " + failed
        + " failed" + (kept > 0 ? ", " + kept + " kept (tagged again meanwhile)" : "");
  }
}
