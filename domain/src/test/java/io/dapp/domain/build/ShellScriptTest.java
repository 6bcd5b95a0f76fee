package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The script a user stage runs, run by the machine's own /bin/sh, as a container's shell would run it. */
class ShellScriptTest {

  private record Ran(List<String> shown, Optional<ShellScript.Failure> failure, int status) {}

  private static Ran run(List<String> commands) throws Exception {
    ShellScript script = new ShellScript(commands, "0123456789abcdef");
    Process process = new ProcessBuilder(script.argv()).redirectErrorStream(true).start();
    List<String> shown = new ArrayList<>();
    Optional<ShellScript.Failure> failure = Optional.empty();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String text;
      while ((text = lines.readLine()) != null) {
        ShellScript.Line line = script.read(text);
        line.shown().ifPresent(shown::add);
        if (line.failure().isPresent()) {
          failure = line.failure();
        }
      }
    }
    return new Ran(shown, failure, process.waitFor());
  }

  @Test
  void theFirstFailingCommand_stopsTheScript_andIsNamedWithItsStatus() throws Exception {
    Ran ran = run(List.of("echo one", "cd /", "(exit 7)", "echo never"));

    assertThat(ran.status()).isEqualTo(7);
    assertThat(ran.shown()).containsExactly("one");
    assertThat(ran.failure()).contains(new ShellScript.Failure(3, 7));
  }

  @Test
  void commandsShareOneShell_soADirectoryOrVariableCarriesOver() throws Exception {
    Ran ran = run(List.of("cd /tmp", "NAME=dapp", "echo \"$PWD $NAME\""));

    assertThat(ran.status()).isZero();
    assertThat(ran.shown()).containsExactly("/tmp dapp");
    assertThat(ran.failure()).isEmpty();
  }

  @Test
  void aCommandEndingInABackslash_doesNotSwallowTheNextStep() throws Exception {
    Ran ran = run(List.of("echo a \\", "false", "echo after"));

    assertThat(ran.failure()).contains(new ShellScript.Failure(2, 1));
    assertThat(ran.shown()).containsExactly("a");
  }

  @Test
  void outputWithoutALineBreak_beforeTheFailure_isStillShown() throws Exception {
    Ran ran = run(List.of("printf 'no newline'", "exit 4"));

    assertThat(ran.shown()).containsExactly("no newline");
    assertThat(ran.failure()).contains(new ShellScript.Failure(2, 4));
  }

  @Test
  void aCommandThatPrintsSomethingLikeTheMarker_cannotForgeAFailure() throws Exception {
    Ran ran = run(List.of("echo dapp-failed-0000000000000000 1 9", "echo dapp-failed-0123456789abcdef x y"));

    assertThat(ran.status()).isZero();
    assertThat(ran.failure()).isEmpty();
    assertThat(ran.shown()).hasSize(2);
  }
}
