package io.dapp.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "alpine                                   | docker.io            | library/alpine     | ",
      "alpine:3.19                              | docker.io            | library/alpine     | 3.19",
      "bitnami/redis:7                          | docker.io            | bitnami/redis      | 7",
      "index.docker.io/library/alpine           | docker.io            | library/alpine     | ",
      "registry-1.docker.io/alpine              | docker.io            | library/alpine     | ",
      "registry.myhost.com/sys/project/image:v2.1.0 | registry.myhost.com | sys/project/image | v2.1.0",
      "localhost/app                            | localhost            | app                | ",
      "localhost:5000/app:1                     | localhost:5000       | app                | 1",
      "127.0.0.1:5000/web/backend               | 127.0.0.1:5000       | web/backend        | ",
      "Registry.Example.COM/web                 | registry.example.com | web                | ",
      "[::1]:5000/web                           | [::1]:5000           | web                | ",
      "a.b/c__d/e-f.g                           | a.b                  | c__d/e-f.g         | "})
  void parse_followsDockersGrammar(String text, String host, String path, String tag) throws Exception {
    ImageReference reference = ImageReference.parse(text);

    assertThat(reference.host().name()).isEqualTo(host);
    assertThat(reference.repository().path()).isEqualTo(path);
    assertThat(reference.tag().orElse(null)).isEqualTo(tag);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "UPPER/case", "a//b", "registry.io/", ":tag", "a:-bad", "repo@sha256:short",
      "host:99999/x", "a/b:" , "-a/b", "a/.b", "a..b.com:x/y", "a/b c"})
  void parse_rejectsMalformedReferencesWithOneLine(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageStartingWith("invalid")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @org.junit.jupiter.api.Test
  void parse_escapesControlCharactersOfTheInputInItsMessage() {
    assertThatThrownBy(() -> ImageReference.parse("registry.example.com/web\n\u001b[2Jbackend"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("invalid image reference 'registry.example.com/web\\n\\u001b[2Jbackend': repository path "
            + "component 'web\\n\\u001b[2Jbackend' must be lower-case letters, digits and separators . _ __ -");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "a/b:t@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
  void parse_keepsTheDigest(String text) throws Exception {
    ImageReference reference = ImageReference.parse(text);

    assertThat(reference.digest()).isPresent();
    assertThat(reference.toString()).isEqualTo("docker.io/" + text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry.myhost.com/web/backend:v1",
      "registry.myhost.com/web/backend@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
  void repositoryArguments_takeNoTagOrDigest(String text) {
    assertThatThrownBy(() -> Repository.parse(text))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("a repository has no tag or digest");
  }
}
