package io.dapp.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.testing.RecordingConsole;
import org.junit.jupiter.api.Test;

class PlainTransferProgressTest {

  private final RecordingConsole console = new RecordingConsole();
  private final PlainTransferProgress progress = new PlainTransferProgress(console);

  @Test
  void eachFinishedTransfer_isOneLineWithItsOutcomeAndSize() {
    progress.begin("repo:1", "layer sha256:0123456789ab", 1536).finished(TransferOutcome.PUSHED);
    progress.begin("repo:1", "layer sha256:abcdef012345", 3 * 1024 * 1024).finished(TransferOutcome.MOUNTED);
    progress.begin("repo:1", "layer sha256:fedcba987654", 100).finished(TransferOutcome.ALREADY_PRESENT);
    progress.begin("base:1", "layer sha256:aaaaaaaaaaaa", 64L * 1024 * 1024).finished(TransferOutcome.PULLED);

    assertThat(console.infos).containsExactly(
        "repo:1: layer sha256:0123456789ab pushed (1.5 KiB)",
        "repo:1: layer sha256:abcdef012345 mounted (3.0 MiB)",
        "repo:1: layer sha256:fedcba987654 already present (100 B)",
        "base:1: layer sha256:aaaaaaaaaaaa pulled (64.0 MiB)");
  }

  @Test
  void transfersFinishingInAnyOrder_areWrittenInTheOrderTheyBegan_onceAllBeforeThemEnded() {
    TransferProgress.Transfer first = progress.begin("img", "first", 1);
    TransferProgress.Transfer second = progress.begin("img", "second", 2);
    TransferProgress.Transfer third = progress.begin("img", "third", 3);

    third.finished(TransferOutcome.PUSHED);
    second.progressed(1);
    second.finished(TransferOutcome.PUSHED);
    assertThat(console.infos).as("the first has not ended: nothing after it is written").isEmpty();

    first.finished(TransferOutcome.ALREADY_PRESENT);

    assertThat(console.infos).containsExactly("img: first already present (1 B)", "img: second pushed (2 B)", "img: third pushed (3 B)");
  }

  @Test
  void aFailedTransfer_writesNothing_andDoesNotHoldBackTheOthers() {
    TransferProgress.Transfer broken = progress.begin("img", "broken", 10);
    TransferProgress.Transfer fine = progress.begin("img", "fine", 20);
    fine.finished(TransferOutcome.PULLED);

    broken.failed();
    broken.finished(TransferOutcome.PULLED);

    assertThat(console.infos).containsExactly("img: fine pulled (20 B)");
  }

  @Test
  void onlyTheFirstEndCounts() {
    TransferProgress.Transfer transfer = progress.begin("img", "blob", 5);

    transfer.finished(TransferOutcome.MOUNTED);
    transfer.finished(TransferOutcome.PUSHED);
    transfer.failed();

    assertThat(console.infos).containsExactly("img: blob mounted (5 B)");
  }

  @Test
  void sizes_areInBinaryUnitsWithOneDecimal() {
    assertThat(PlainTransferProgress.size(0)).isEqualTo("0 B");
    assertThat(PlainTransferProgress.size(1023)).isEqualTo("1023 B");
    assertThat(PlainTransferProgress.size(1024)).isEqualTo("1.0 KiB");
    assertThat(PlainTransferProgress.size(1024 * 1024 - 1)).as("rounded up into the next unit").isEqualTo("1.0 MiB");
    assertThat(PlainTransferProgress.size(5L * 1024 * 1024 * 1024 / 2)).isEqualTo("2.5 GiB");
  }

  @Test
  void aConsole_showsTransfersAsItsOwnInfoLines_byDefault() {
    Console quietBuild = new Console() {
      @Override
      public void info(String line) {
        console.debug(line);
      }

      @Override
      public void warn(String line) {}

      @Override
      public void debug(String line) {}
    };

    quietBuild.transfers().begin("base:1", "layer sha256:0123456789ab", 2048).finished(TransferOutcome.PULLED);

    assertThat(console.debugs).containsExactly("base:1: layer sha256:0123456789ab pulled (2.0 KiB)");
  }
}
