package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.port.PlainTransferProgress;
import io.dapp.domain.port.TransferOutcome;
import io.dapp.domain.port.TransferProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress bars, drawn into a captured stream as they would be on a terminal. */
class TerminalTransferProgressTest {

  private static final String ESC = "\u001b";
  private static final long MIB = 1024 * 1024;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream terminal = new PrintStream(captured, true, StandardCharsets.UTF_8);

  private String screen() {
    terminal.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachBlob_hasABarWithItsBytesAndRate_redrawnInPlace_andEndingWithItsOutcome() {
    TransferProgress bars = new TerminalTransferProgress(terminal, 100);

    TransferProgress.Transfer first = bars.begin("r.io/web/app:1", "layer sha256:0123456789ab", 3 * MIB);
    TransferProgress.Transfer second = bars.begin("r.io/web/app:1", "layer sha256:abcdef012345", 2 * MIB);
    first.progressed(MIB);
    second.finished(TransferOutcome.ALREADY_PRESENT);
    first.progressed(3 * MIB);
    first.finished(TransferOutcome.PUSHED);
    TransferProgress.Transfer pulled = bars.begin("r.io/base:1", "layer sha256:fedcba987654", 512 * 1024);
    pulled.progressed(512 * 1024);
    pulled.finished(TransferOutcome.PULLED);

    String screen = screen();
    assertThat(screen).startsWith("r.io/web/app:1:" + System.lineSeparator())
        .contains("r.io/base:1:" + System.lineSeparator())
        .containsPattern("layer sha256:0123456789ab \\[=+\\] 3\\.0 MiB / 3\\.0 MiB [0-9.]+ [KMG]?i?B/s pushed")
        .containsPattern("layer sha256:abcdef012345 \\[=+\\] 2\\.0 MiB / 2\\.0 MiB already present")
        .containsPattern("layer sha256:fedcba987654 \\[=+\\] 512\\.0 KiB / 512\\.0 KiB [0-9.]+ [KMG]?i?B/s pulled")
        .as("two bars at once: the cursor moves up to redraw the first").contains(ESC + "[");
    assertThat(screen.indexOf("r.io/base:1:")).as("an image's heading comes before its bars")
        .isGreaterThan(screen.lastIndexOf("already present"));
  }

  @Test
  void aFailedTransfer_leavesItsBarSayingSo() {
    TransferProgress.Transfer broken = new TerminalTransferProgress(terminal, 80)
        .begin("r.io/web/app:1", "layer sha256:0123456789ab", 4 * MIB);
    broken.progressed(MIB);

    broken.failed();
    broken.finished(TransferOutcome.PUSHED);

    assertThat(screen()).containsPattern("1\\.0 MiB / 4\\.0 MiB .*failed").doesNotContain("pushed");
  }

  @Test
  void aBarLine_fillsTheWidthExactly() {
    assertThat(BarLine.render("layer sha256:0123456789ab", 3 * MIB / 2, 3 * MIB, 2 * MIB, "", 70))
        .isEqualTo("layer sha256:0123456789ab [=======>      ] 1.5 MiB / 3.0 MiB 2.0 MiB/s");
    assertThat(BarLine.render("layer sha256:0123456789ab", 3 * MIB, 3 * MIB, -1, "mounted", 70))
        .isEqualTo("layer sha256:0123456789ab [================] 3.0 MiB / 3.0 MiB mounted");
    assertThat(BarLine.render("layer sha256:0123456789ab", 0, 3 * MIB, -1, "", 40))
        .as("too narrow for a bar: the numbers stay, padded to the width")
        .isEqualTo("layer sha256:0123456789ab 0 B / 3.0 MiB ");
  }

  @Test
  void onAWideTerminal_theBarsLineUp() {
    String running = BarLine.render("layer sha256:0123456789ab", MIB, 3 * MIB, 1.5 * MIB, "", 100);
    String present = BarLine.render("layer sha256:abcdef012345", 2 * MIB, 2 * MIB, -1, "already present", 100);

    assertThat(running).hasSize(100).startsWith("layer sha256:0123456789ab [===========>                     ] 1.0 MiB");
    assertThat(present).hasSize(100).startsWith("layer sha256:abcdef012345 [=================================] 2.0 MiB");
    assertThat(running.indexOf(']')).isEqualTo(present.indexOf(']'));
  }

  @Test
  void theWidth_isTheShellsColumns_whenItIsAWidth() {
    assertThat(TerminalTransferProgress.terminalWidth("132")).isEqualTo(132);
    assertThat(TerminalTransferProgress.width("100")).contains(100);
    assertThat(TerminalTransferProgress.width(null)).isEmpty();
    assertThat(TerminalTransferProgress.width("wide")).isEmpty();
    assertThat(TerminalTransferProgress.width("3")).isEmpty();
  }

  @Test
  void aConsole_drawsBarsOnlyOnATerminal_andNotWithQuiet() {
    StringWriter err = new StringWriter();
    StandardOutput onTerminal = new StandardOutput(terminal, true);
    StandardOutput piped = new StandardOutput(terminal, false);

    assertThat(new ConsoleOutput(onTerminal, new PrintWriter(err), false, false).transfers())
        .isInstanceOf(TerminalTransferProgress.class);
    assertThat(new ConsoleOutput(onTerminal, new PrintWriter(err), false, true).transfers())
        .isInstanceOf(PlainTransferProgress.class);
    assertThat(new ConsoleOutput(piped, new PrintWriter(err), false, false).transfers())
        .isInstanceOf(PlainTransferProgress.class);

    new ConsoleOutput(onTerminal, new PrintWriter(err), false, true).transfers()
        .begin("r.io/a:1", "layer sha256:0123456789ab", 10).finished(TransferOutcome.PUSHED);
    assertThat(screen()).as("--quiet on a terminal").isEmpty();
  }
}
