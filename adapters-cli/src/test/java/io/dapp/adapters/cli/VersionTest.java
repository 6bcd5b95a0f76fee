package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code dapp --version} is answered without building the command tree, exactly as picocli answers it. */
class VersionTest {

  /** A factory that fails: whoever asks it is building the command tree. */
  private static final CommandLine.IFactory NO_TREE = new CommandLine.IFactory() {
    @Override
    public <K> K create(Class<K> type) {
      throw new AssertionError("the command tree was built for " + type.getSimpleName());
    }
  };

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void version_printsWhatPicocliPrints_withoutBuildingTheCommandTree(String option) {
    CommandLineHarness picocli = new CommandLineHarness().wholeTree();
    assertThat(picocli.run(option)).isZero();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = DappCommandLine.execute(NO_TREE, new PrintWriter(out), new PrintWriter(err), option);

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo(picocli.out).startsWith("dapp ");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void version_namesTheCommitBuilt_andTheRuntimeRunningIt() {
    StringWriter out = new StringWriter();

    int exit = DappCommandLine.execute(NO_TREE, new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");

    assertThat(exit).isZero();
    assertThat(out.toString().lines()).hasSize(3);
    assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
        .matches("commit ([0-9a-f]{12}( \\(with uncommitted changes\\))?|unknown)");
    assertThat(out.toString().lines().skip(2).findFirst().orElseThrow())
        .isEqualTo("runtime Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
            + System.getProperty("java.home"));
  }

  @Test
  void versionWithOtherArguments_goesThroughTheCommandTree() {
    assertThatThrownBy(() -> DappCommandLine.execute(NO_TREE, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), "--version", "--help"))
        .isInstanceOf(AssertionError.class).hasMessageStartingWith("the command tree was built");
  }
}
