package io.dapp.adapters.env.dappfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlDappfilesTest {

  private static final String TWO_DIMGS = """
      dimg: backend
      from: registry.example.com/base/java:17
      shell:
        install: [make]
      ---
      dimg: frontend
      from: node:20
      """;

  @TempDir
  Path project;

  private final YamlDappfiles dappfiles = new YamlDappfiles();

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                              | dappfile.yaml (\\n = new line)                                                 | requested dimgs | base images
      nameless dimg                       | from: alpine:3.19                                                              |                 | docker.io/library/alpine:3.19
      nameless dimg written as ~          | dimg: ~\\nfrom: alpine                                                         |                 | docker.io/library/alpine
      all dimgs, in file order            | dimg: b\\nfrom: quay.io/b/img\\n---\\ndimg: a\\nfrom: registry.example.com:5050/a/img | | quay.io/b/img,registry.example.com:5050/a/img
      named dimg only                     | dimg: b\\nfrom: quay.io/b/img\\n---\\ndimg: a\\nfrom: registry.example.com/a/img | a              | registry.example.com/a/img
      same base image once                | dimg: a\\nfrom: alpine\\n---\\ndimg: b\\nfrom: alpine                           |                 | docker.io/library/alpine
      scratch is not an image             | dimg: a\\nfrom: scratch\\n---\\ndimg: b\\nfrom: alpine                          |                 | docker.io/library/alpine
      dimg without from                   | dimg: a\\nshell: {}                                                            |                 |
      empty documents are skipped         | ---\\n---\\ndimg: a\\nfrom: alpine\\n---                                        |                 | docker.io/library/alpine
      digest reference                    | from: alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | | docker.io/library/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      artifact counts for a full build    | artifact: assets\\nfrom: node:20\\n---\\ndimg: a\\nfrom: alpine                |                 | docker.io/library/node:20,docker.io/library/alpine
      artifact not for a named dimg       | artifact: assets\\nfrom: node:20\\n---\\ndimg: a\\nfrom: alpine                | a               | docker.io/library/alpine
      empty file                          | ''                                                                             |                 |
      """)
  void baseImages(String description, String dappfile, String requested, String expected) throws Exception {
    write("dappfile.yaml", dappfile.replace("\\n", "\n"));

    List<ImageReference> images = dappfiles.baseImages(project, list(requested));

    assertThat(images).map(ImageReference::toString).containsExactlyElementsOf(list(expected));
  }

  @Test
  void readsDappfileYml() throws Exception {
    write("dappfile.yml", TWO_DIMGS);

    assertThat(dappfiles.baseImages(project, List.of("frontend")))
        .containsExactly(ImageReference.parse("node:20"));
  }

  @Test
  void givenNoDappfile_baseImages_failsNamingTheDirectory() {
    assertThatThrownBy(() -> dappfiles.baseImages(project, List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("no dappfile.yaml in " + project);
  }

  @Test
  void givenBothDappfiles_baseImages_fails() throws IOException {
    write("dappfile.yaml", TWO_DIMGS);
    write("dappfile.yml", TWO_DIMGS);

    assertThatThrownBy(() -> dappfiles.baseImages(project, List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("both dappfile.yaml and dappfile.yml in " + project + ": keep one");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                  | dappfile.yaml                                 | requested | message after the file name
      malformed YAML          | dimg: a\\n  from: [x                          |           | malformed YAML at line 2, column 7: mapping values are not allowed here
      tab indentation         | dimg: a\\n\\tfrom: x                          |           | malformed YAML at line 2, column 1: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)
      directive given twice   | dimg: a\\nfrom: alpine\\nfrom: debian         |           | malformed YAML at line 3, column 5: Duplicate field 'from'
      document not a mapping  | - dimg: a                                     |           | document 1 must be a mapping of directives
      from is not a string    | dimg: a\\nfrom: [alpine]                      |           | dimg 'a': 'from' must be an image reference string
      from of nameless dimg   | from: {image: alpine}                         |           | the nameless dimg: 'from' must be an image reference string
      invalid reference       | dimg: a\\nfrom: Alpine:3                      |           | dimg 'a': invalid image reference 'Alpine:3': repository path component 'Alpine' must be lower-case letters, digits and separators . _ __ -
      dimg name not a string  | dimg: [a]\\nfrom: alpine                      |           | document 1: 'dimg' must be a name or ~
      duplicate dimg names    | dimg: a\\nfrom: alpine\\n---\\ndimg: a\\nfrom: debian |    | dimg 'a' is defined more than once
      two nameless dimgs      | from: alpine\\n---\\nfrom: debian             |           | more than one dimg has no name
      unknown dimg requested  | dimg: a\\nfrom: alpine\\n---\\ndimg: b         | c         | there is no dimg 'c' (dimgs: a, b)
      artifact without name   | artifact: ~\\nfrom: alpine                    |           | document 1: an artifact needs a name
      """)
  void givenInvalidDappfile_baseImages_failsWithOneLine(String description, String dappfile, String requested,
      String message) throws IOException {
    Path file = write("dappfile.yaml", dappfile.replace("\\n", "\n").replace("\\t", "\t"));

    assertThatThrownBy(() -> dappfiles.baseImages(project, list(requested)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ": " + message)
        .hasMessageNotContaining("\n");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(project.resolve(name), content);
  }

  @Test
  void dimgNames_areTheDimgsInFileOrder_withoutArtifacts() throws Exception {
    write("dappfile.yaml", "artifact: assets\nfrom: node:20\n---\ndimg: web\nfrom: alpine\n---\ndimg: api\n");

    assertThat(dappfiles.dimgNames(project)).containsExactly(Optional.of("web"), Optional.of("api"));
  }

  @Test
  void dimgNames_ofTheNamelessDimg_isEmpty() throws Exception {
    write("dappfile.yaml", "from: alpine\n");

    assertThat(dappfiles.dimgNames(project)).containsExactly(Optional.empty());
  }

  @Test
  void givenNoDappfile_dimgNames_failsNamingTheDirectory() {
    assertThatThrownBy(() -> dappfiles.dimgNames(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("no dappfile.yaml in " + project);
  }

  private static List<String> list(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
  }
}
