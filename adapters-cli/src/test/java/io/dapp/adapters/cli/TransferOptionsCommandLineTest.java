package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.registry.TransferJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --jobs} on every command that transfers blobs, and how transfers are shown on a command's output. */
class TransferOptionsCommandLineTest {

  private final CommandLineHarness dapp = new CommandLineHarness();

  @ParameterizedTest
  @ValueSource(strings = {"dimg push r.io/a", "dimg spush r.io/a", "dimg bp r.io/a", "dimg stages push r.io/a",
      "dimg stages pull r.io/a", "dimg build"})
  void everyTransferringCommand_takesJobs(String command) {
    String[] args = (command + " --jobs 7").split(" ");

    int exit = dapp.run(args);

    assertThat(exit).as(dapp.err).isZero();
    assertThat(dapp.invocations.get(0).registryOptions().transferJobs()).isEqualTo(new TransferJobs(7));
  }

  @Test
  void withoutJobs_fourBlobsMoveAtOnce() {
    dapp.run("dimg", "push", "r.io/a");

    assertThat(dapp.invocations.get(0).registryOptions().transferJobs().count()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "17", "many"})
  void aJobsValueOutsideOneToSixteen_isAOneLineUsageError(String value) {
    int exit = dapp.run("dimg", "stages", "pull", "r.io/a", "--jobs", value);

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.invocations).isEmpty();
    assertThat(dapp.err.lines()).containsExactly(
        "dapp: error: --jobs must be a whole number from 1 to 16, not '" + value + "'");
  }

  @Test
  void commandsThatTransferNoBlobs_haveNoJobsOption() {
    int exit = dapp.run("dimg", "cleanup", "repo", "r.io/a", "--jobs", "2");

    assertThat(exit).isEqualTo(2);
    assertThat(dapp.err).contains("unknown option").contains("--jobs");
  }

  @Test
  void transfersOnAWriterThatIsNotATerminal_areOneLinePerBlob() {
    int exit = dapp.behave((invocation, password, console) -> {
      var transfers = console.transfers();
      var first = transfers.begin("r.io/a:latest", "layer sha256:0123456789ab", 2048);
      var second = transfers.begin("r.io/a:latest", "layer sha256:abcdef012345", 10);
      second.finished(TransferOutcome.ALREADY_PRESENT);
      first.progressed(2048);
      first.finished(TransferOutcome.PUSHED);
    }).run("dimg", "push", "r.io/a");

    assertThat(exit).isZero();
    assertThat(dapp.out.lines()).containsExactly(
        "r.io/a:latest: layer sha256:0123456789ab pushed (2.0 KiB)",
        "r.io/a:latest: layer sha256:abcdef012345 already present (10 B)");
  }

  @Test
  void quiet_showsNoTransfer() {
    int exit = dapp.behave((invocation, password, console) -> {
      console.transfers().begin("r.io/a:latest", "layer sha256:0123456789ab", 2048).finished(TransferOutcome.PUSHED);
    }).run("dimg", "push", "r.io/a", "--quiet");

    assertThat(exit).isZero();
    assertThat(dapp.out).isEmpty();
  }
}
