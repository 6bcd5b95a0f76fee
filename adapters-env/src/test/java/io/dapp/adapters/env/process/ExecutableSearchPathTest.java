package io.dapp.adapters.env.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.SystemEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableSearchPathTest {

  @TempDir
  Path root;

  @Test
  void fromEnvironment_splitsPath_andSkipsEmptyEntries() {
    ExecutableSearchPath path = ExecutableSearchPath.fromEnvironment(
        new SystemEnvironment(Map.of("PATH", "/usr/local/bin::/usr/bin:")));

    assertThat(path.directories()).containsExactly(Path.of("/usr/local/bin"), Path.of("/usr/bin"));
  }

  @Test
  void fromEnvironment_withoutPath_findsNothing() {
    assertThat(ExecutableSearchPath.fromEnvironment(new SystemEnvironment(Map.of())).find("sh")).isEmpty();
  }

  @Test
  void find_takesTheFirstExecutableInOrder_andSkipsFilesThatAreNotExecutable() throws IOException {
    Path first = Files.createDirectory(root.resolve("first"));
    Path second = Files.createDirectory(root.resolve("second"));
    Path third = Files.createDirectory(root.resolve("third"));
    program(first, "helper", "rw-r--r--");
    Path expected = program(second, "helper", "rwxr-xr-x");
    program(third, "helper", "rwxr-xr-x");
    Files.createDirectory(first.resolve("dir-helper"));

    ExecutableSearchPath path = ExecutableSearchPath.of(first, second, third);

    assertThat(path.find("helper")).contains(expected);
    assertThat(path.find("dir-helper")).isEmpty();
    assertThat(path.find("missing")).isEmpty();
  }

  @Test
  void find_neverResolvesANameWithASlash() throws IOException {
    Path bin = Files.createDirectory(root.resolve("bin"));
    Path nested = Files.createDirectory(bin.resolve("nested"));
    program(nested, "helper", "rwxr-xr-x");

    assertThat(ExecutableSearchPath.of(bin).find("nested/helper")).isEmpty();
    assertThat(ExecutableSearchPath.of(nested).find("../nested/helper")).isEmpty();
  }

  private static Path program(Path directory, String name, String permissions) throws IOException {
    Path program = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString(permissions));
    return program;
  }
}
