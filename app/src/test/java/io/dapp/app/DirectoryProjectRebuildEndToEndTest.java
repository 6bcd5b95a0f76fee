package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.cli.DappCommandLine;
import io.dapp.adapters.env.SystemEnvironment;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dapp dimg build} of a plain directory (not git) with the fingerprint cache at work: a file whose
 * bytes change while its size and modification time stay rebuilds its stage and those after it.
 */
class DirectoryProjectRebuildEndToEndTest {

  private static final String DAPPFILE = """
      dimg: web
      from: scratch
      git:
      - add: /a
        to: /a
      - add: /b
        to: /b
      docker:
        ENV: {LANG: C.UTF-8}
      """;

  @TempDir
  Path directory;

  record Result(int exitCode, String out, String err) {}

  private Result dapp(String... args) {
    SettledFilesDappComponent component = DaggerSettledFilesDappComponent.factory().create(
        new SystemEnvironment(Map.of("HOME", directory.resolve("home").toString(),
            "DAPP_CACHE_DIR", directory.resolve("cache").toString())),
        () -> new ByteArrayInputStream(new byte[0]));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DappCommandLine.execute(component.commandFactory(), new PrintWriter(out), new PrintWriter(err), args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Result build(Path project) {
    return dapp("dimg", "build", "--dir", project.toString(), "--store", directory.resolve("store").toString());
  }

  @Test
  void fileChangedKeepingSizeAndModificationTime_isPatched_andTheStagesAfterRebuilt() throws Exception {
    Path project = Files.createDirectories(directory.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), DAPPFILE);
    Files.writeString(Files.createDirectories(project.resolve("a")).resolve("one.txt"), "first");
    Path changing = Files.writeString(Files.createDirectories(project.resolve("b")).resolve("two.txt"), "second");
    Result first = build(project);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("(3 of 3 stages built)");
    try (Stream<Path> caches = Files.list(directory.resolve("cache/fingerprints"))) {
      assertThat(caches).as("the first build taught the cache").hasSize(1);
    }
    assertThat(build(project).out()).as("nothing changed").contains("(0 of 3 stages built)");

    FileTime modified = Files.getLastModifiedTime(changing);
    Object changed = Files.getAttribute(changing, "unix:ctime");
    do { // until the change time shows it: the kernel's clock ticks every few milliseconds
      Files.writeString(changing, "SECOND");
      Files.setLastModifiedTime(changing, modified);
    } while (Files.getAttribute(changing, "unix:ctime").equals(changed));
    Result second = build(project);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains(
        "web: from scratch: using cached stage",
        "web: git archive /a -> /a, /b -> /b: using cached stage",
        "web: git latest patch: built stage",
        "web: docker: built stage",
        "(2 of 4 stages built)");
  }
}
