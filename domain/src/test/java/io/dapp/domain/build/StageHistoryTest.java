package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.HistoryEntry;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageHistoryTest {

  private static final StageSignature SIGNATURE = new StageSignature(Digests.sha256("stage"));
  private static final ImageConfig BASE = new ImageConfig(new Platform("linux", "amd64", Optional.empty()),
      Optional.empty(), ImageConfig.scratch(new Platform("linux", "amd64", Optional.empty())).config(), List.of(),
      List.of(new HistoryEntry(Optional.empty(), "base", Optional.of("from the base image"), true)));

  private static StageImage stage() {
    return new StageImage(BASE.next(BASE.config(), Optional.empty(), "dapp docker", "dapp stage " + SIGNATURE),
        List.of());
  }

  private static String lastComment(StageImage image) {
    List<HistoryEntry> history = image.config().history();
    return history.get(history.size() - 1).comment().orElseThrow();
  }

  @Test
  void aStagesEntry_recordsItsOwnLabels_sorted_withoutTheCommitItsFilesCameFrom() {
    StageImage recorded = StageHistory.recorded(stage(), SIGNATURE, Map.of(DappLabels.GIT_STATE, "sha256:abc",
        DappLabels.GIT_COMMIT, "0123abc", DappLabels.IMPORTED_STAGE_SIGNATURES, "aa bb"));

    assertThat(lastComment(recorded)).isEqualTo("dapp stage " + SIGNATURE
        + " (labels: dapp-git-state=sha256:abc, dapp-imported-stage-signatures=aa bb)");
    assertThat(StageHistory.labels(lastComment(recorded), SIGNATURE)).contains(Map.of(
        DappLabels.GIT_STATE, "sha256:abc", DappLabels.IMPORTED_STAGE_SIGNATURES, "aa bb"));
    assertThat(recorded.config().history().get(0)).isEqualTo(BASE.history().get(0));
  }

  @Test
  void aStageWithoutLabelsOfItsOwn_recordsNone() {
    StageImage recorded = StageHistory.recorded(stage(), SIGNATURE, Map.of());

    assertThat(lastComment(recorded)).isEqualTo("dapp stage " + SIGNATURE + " (labels: none)");
    assertThat(StageHistory.labels(lastComment(recorded), SIGNATURE)).contains(Map.of());
  }

  @Test
  void aLabelThatCannotBeReadBack_leavesTheEntryAsTheStageWroteIt_whichRecordsNoLabels() {
    StageImage recorded = StageHistory.recorded(stage(), SIGNATURE, Map.of("team", "shop, web"));

    assertThat(lastComment(recorded)).isEqualTo("dapp stage " + SIGNATURE);
    assertThat(StageHistory.labels(lastComment(recorded), SIGNATURE)).isEmpty();
  }

  @Test
  void aFirstStage_addsNoEntry_soTheBaseImagesHistoryStaysAsItIs() {
    StageImage base = new StageImage(BASE, List.of());

    assertThat(StageHistory.recorded(base, SIGNATURE, Map.of(DappLabels.GIT_STATE, "sha256:abc"))).isEqualTo(base);
  }

  @Test
  void anotherStagesEntry_recordsNothingForThisOne() {
    StageSignature other = new StageSignature(Digests.sha256("another stage"));

    assertThat(StageHistory.labels("dapp stage " + other + " (labels: none)", SIGNATURE)).isEmpty();
  }
}
