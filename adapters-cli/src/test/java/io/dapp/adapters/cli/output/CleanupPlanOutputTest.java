package io.dapp.adapters.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.cleanup.CleanupPlan;
import io.dapp.domain.cleanup.CleanupReport;
import io.dapp.domain.cleanup.Decision;
import io.dapp.domain.cleanup.DeleteOutcome;
import io.dapp.domain.cleanup.PlanEntry;
import io.dapp.domain.cleanup.RegistryImage;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.usecase.DappCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command line prints a cleaning command from its report: what an embedder gets as the report itself. */
class CleanupPlanOutputTest {

  private static final Repository REPO = new Repository(new RegistryHost("registry.example.com"), "shop/backend");

  private final List<String> lines = new ArrayList<>();
  private final Console console = new Console() {
    @Override
    public void info(String line) {
      lines.addAll(line.lines().toList());
    }

    @Override
    public void warn(String line) {
      lines.add("warning: " + line);
    }

    @Override
    public void debug(String line) {}
  };

  private static PlanEntry entry(String tag, Decision decision) {
    return new PlanEntry(new RegistryImage(REPO, tag, Digests.sha256(tag), Optional.empty(),
        Map.of("dapp-dimg", "true", "dapp-tag-scheme", "git_branch")), decision, "because of " + tag);
  }

  private static CleanupReport report(boolean dryRun, Map<PlanEntry, DeleteOutcome> outcomes, PlanEntry... entries) {
    return new CleanupReport(DappCommand.DIMG_CLEANUP_REPO, REPO, dryRun, new CleanupPlan(List.of(entries)), outcomes);
  }

  @Test
  void aRealRun_printsTheTable_eachOutcomeInPlanOrder_andTheSummary() {
    PlanEntry gone = entry("gone", Decision.DELETE);
    PlanEntry failing = entry("failing", Decision.DELETE);
    PlanEntry retagged = entry("retagged", Decision.DELETE);
    PlanEntry master = entry("master", Decision.KEEP);
    Map<PlanEntry, DeleteOutcome> outcomes = new LinkedHashMap<>();
    outcomes.put(gone, DeleteOutcome.DELETED);
    outcomes.put(failing, DeleteOutcome.failed("denied"));
    outcomes.put(retagged, DeleteOutcome.kept("tag hotfix was pushed onto the same manifest while cleaning"));

    new CleanupPlanOutput().print(report(false, outcomes, master, gone, failing, retagged), false, console);

    assertThat(lines.get(0)).startsWith("IMAGE").contains("DECISION", "REASON");
    assertThat(lines.get(1)).startsWith("shop/backend:master").contains("keep", "because of master");
    assertThat(lines.subList(5, lines.size())).containsExactly(
        "deleted " + REPO + ":gone",
        "warning: could not delete " + REPO + ":failing: denied",
        "warning: kept " + REPO + ":retagged: tag hotfix was pushed onto the same manifest while cleaning",
        "1 of 4 tag(s) deleted, 1 failed, 1 kept (tagged again meanwhile)");
  }

  @Test
  void aDryRun_printsTheTableAndWhatWouldBeDeleted() {
    new CleanupPlanOutput().print(report(true, Map.of(), entry("gone", Decision.DELETE),
        entry("master", Decision.KEEP)), false, console);

    assertThat(lines).hasSize(4)
        .endsWith("dry run: 1 of 2 tag(s) would be deleted (1 manifest(s)); nothing was changed");
  }

  @Test
  void json_printsOneDocumentWithTheOutcomes_andOnlyTheWarningsBesideIt() {
    PlanEntry gone = entry("gone", Decision.DELETE);
    PlanEntry failing = entry("failing", Decision.DELETE);
    Map<PlanEntry, DeleteOutcome> outcomes = new LinkedHashMap<>();
    outcomes.put(gone, DeleteOutcome.DELETED);
    outcomes.put(failing, DeleteOutcome.failed("denied"));

    new CleanupPlanOutput().print(report(false, outcomes, gone, failing), true, console);

    assertThat(lines.get(0)).isEqualTo("warning: could not delete " + REPO + ":failing: denied");
    String json = String.join("\n", lines.subList(1, lines.size()));
    assertThat(json).startsWith("{").endsWith("}").contains("\"outcome\" : \"deleted\"", "\"problem\" : \"denied\"",
        "\"failed\" : 1");
  }
}
