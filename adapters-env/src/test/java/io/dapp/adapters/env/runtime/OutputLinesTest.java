package io.dapp.adapters.env.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLinesTest {

  private final List<String> lines = new ArrayList<>();
  private final OutputLines output = new OutputLines(lines::add);

  @Test
  void linesEndAtLineFeeds_whereverTheReadsCut() {
    feed("fir");
    feed("st\nsec");
    feed("ond\n\nthi");
    assertThat(lines).containsExactly("first", "second", "");

    output.finish();

    assertThat(lines).containsExactly("first", "second", "", "thi");
  }

  @Test
  void aCarriageReturnIsData() {
    feed("progress 10%\rprogress 20%\r\n");

    assertThat(lines).containsExactly("progress 10%\rprogress 20%\r");
  }

  @Test
  void finish_withoutAPartialLine_passesNothingOn() {
    feed("done\n");
    output.finish();

    assertThat(lines).containsExactly("done");
  }

  @Test
  void aLineLongerThan64KiB_isPassedOnInPiecesOfAtMost64KiB() {
    feed("x".repeat(OutputLines.MAX_LINE_BYTES * 2 + 10) + "\nnext\n");

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).hasSize(OutputLines.MAX_LINE_BYTES);
    assertThat(lines.get(1)).hasSize(OutputLines.MAX_LINE_BYTES);
    assertThat(lines.get(2)).hasSize(10);
    assertThat(lines.get(3)).isEqualTo("next");
  }

  @Test
  void aLongLineIsCutBetweenCharacters_neverInsideOne() {
    // 'é' is two bytes: one byte of padding puts a character across the 64 KiB boundary.
    String line = "a" + "é".repeat(OutputLines.MAX_LINE_BYTES / 2 + 5);
    feed(line + "\n");

    assertThat(String.join("", lines)).isEqualTo(line);
    assertThat(lines).allSatisfy(piece -> {
      assertThat(piece).doesNotContain("\uFFFD");
      assertThat(piece.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(OutputLines.MAX_LINE_BYTES);
    });
  }

  @Test
  void bytesThatAreNotUtf8_becomeReplacementCharacters_andTheRestIsKept() {
    byte[] bytes = {'o', 'k', (byte) 0xff, ' ', (byte) 0xc3, '\n', 'z', (byte) 0xc3, (byte) 0xbc, '\n'};
    output.accept(bytes, 0, bytes.length);

    assertThat(lines).containsExactly("ok\uFFFD \uFFFD", "zü");
  }

  private void feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    output.accept(bytes, 0, bytes.length);
  }
}
