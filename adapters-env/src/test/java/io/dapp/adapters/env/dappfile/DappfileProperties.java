package io.dapp.adapters.env.dappfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.testing.HostileInput;
import io.dapp.domain.testing.HostileJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile dappfiles — every key given a value of any type, paths that climb out, YAML aliases that
 * multiply, nesting thousands deep, control characters, documents cut short — are read into a dappfile or
 * refused with one line naming the file (exit 2), within a bound. Paths that are read stay inside the
 * image and the repository.
 */
class DappfileProperties {

  private static final String TEMPLATE = """
      dimg: %s
      from: %s
      git:
      - add: %s
        to: %s
        includePaths: %s
        excludePaths: %s
        owner: %s
      docker:
        WORKDIR: %s
        USER: %s
        ENV: %s
        LABEL: %s
        EXPOSE: %s
        VOLUME: %s
        CMD: %s
      """;
  private static final String[] GOOD = {"backend", "scratch", "/src", "/app", "['**/*.rb']", "[spec]", "app", "/app",
      "app", "{LANG: C.UTF-8}", "{team: web}", "['8080/tcp']", "[/data]", "[--serve]"};

  private static Path project;
  private final YamlDappfiles dappfiles = new YamlDappfiles();

  @BeforeContainer
  static void createProject() throws Exception {
    project = Files.createTempDirectory("dapp-dappfile-properties-");
  }

  @AfterContainer
  static void removeProject() throws Exception {
    Files.deleteIfExists(project.resolve("dappfile.yaml"));
    Files.deleteIfExists(project);
  }

  /** Values that mean something in YAML or to dapp, unquoted, so that they reach the YAML parser as they are. */
  private static Arbitrary<String> rawScalars() {
    return Arbitraries.of("../../etc", "/app/../../etc", "/../x", "'/a/\\0b'", "*alias", "&anchor x", "!!binary x",
        "!!python/object:os.system x", "{", "[", "]:", "- - -", "? x", "|", ">", "%TAG ! x", "@x", "`x`", "~", "null",
        "0x1F", "1e400", "-1", "99999999999999999999", "''", "\"\\u0000\"", "\"\\e[31m\"", "\"a\\nb\"", "/", "//",
        "'**/../*'", "[a, ../b]", "{A-B: x}", "{'a\\tb': c}", "\t", "x\ty");
  }

  @Provide
  Arbitrary<String> dappfiles() {
    Arbitrary<String> hostileValue = Arbitraries.oneOf(rawScalars(), HostileJson.values(2));
    Arbitrary<String>[] slots = new Arbitrary[GOOD.length];
    for (int i = 0; i < GOOD.length; i++) {
      slots[i] = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(GOOD[i])), Tuple.of(1, hostileValue));
    }
    Arbitrary<String> shaped = Combinators.combine(java.util.List.of(slots))
        .as(values -> String.format(TEMPLATE, values.toArray()));
    return Arbitraries.frequencyOf(
        Tuple.of(8, shaped),
        Tuple.of(1, Combinators.combine(shaped, Arbitraries.doubles().between(0, 1))
            .as((text, cut) -> text.substring(0, (int) (text.length() * cut)))),
        Tuple.of(1, aliasBombs()),
        Tuple.of(1, HostileJson.deeplyNested().map(nested -> "dimg: a\nfrom: scratch\ndocker:\n  ENV: " + nested + "\n")),
        Tuple.of(1, Arbitraries.strings().withChars("dimg:from -[]{}&*!|>'\"\n\t\u0000\u001b#").ofMaxLength(80)));
  }

  /** "Billion laughs": each alias doubles the document a naive reader builds. */
  private static Arbitrary<String> aliasBombs() {
    return Arbitraries.integers().between(3, 30).map(levels -> {
      StringBuilder yaml = new StringBuilder("dimg: a\nfrom: scratch\nx0: &x0 [lol, lol, lol, lol]\n");
      for (int i = 1; i <= levels; i++) {
        yaml.append("x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x")
            .append(i - 1).append(", *x").append(i - 1).append(", *x").append(i - 1).append("]\n");
      }
      return yaml.toString();
    });
  }

  @Property(tries = 200)
  void anyDappfile_isReadWithPathsInside_orRefusedInOneLineNamingTheFile(@ForAll("dappfiles") String yaml)
      throws Exception {
    Path file = project.resolve("dappfile.yaml");
    Files.writeString(file, yaml);

    Optional<Dappfile> read = HostileInput.parse(() -> dappfiles.read(project), InvalidInputException.class);

    if (read.isEmpty()) {
      assertThat(lastMessage(project)).startsWith(file.toString());
      return;
    }
    for (Dimg dimg : read.get().dimgs()) {
      for (GitMapping git : dimg.git()) {
        assertThat(("/" + git.sourceDirectory() + "/").contains("/../")).as(git.add()).isFalse();
        assertThat(("/" + git.targetDirectory() + "/").contains("/../")).as(git.to()).isFalse();
      }
    }
  }

  private String lastMessage(Path directory) {
    try {
      dappfiles.read(directory);
      return "";
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }
}
