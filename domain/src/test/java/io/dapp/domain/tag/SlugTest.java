package io.dapp.domain.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlugTest {

  /** Expected hashes are the first 8 hex characters of `printf '%s' TEXT | sha256sum`. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("master", "master"),
        Arguments.of("feature-login", "feature-login"),
        Arguments.of("a--b", "a--b"),
        Arguments.of("0123abc", "0123abc"),
        Arguments.of("a".repeat(53), "a".repeat(53)),
        Arguments.of("feature/login", "feature-login-df7c7aeb"),
        Arguments.of("feature_login", "feature-login-eda9645e"),
        Arguments.of("Feature-Login", "feature-login-6626944e"),
        Arguments.of("UPPER", "upper-9cba1c65"),
        Arguments.of("v1.2.3", "v1-2-3-e3cad1a6"),
        Arguments.of("release/2024.01", "release-2024-01-23cf20c6"),
        Arguments.of("-leading", "leading-58a376df"),
        Arguments.of("trailing-", "trailing-b520d72a"),
        Arguments.of("fix/ÄÖÜ-umlauts", "fix--umlauts-c307ed8c"),
        Arguments.of("!!!", "e84c538e"),
        Arguments.of("", "e3b0c442"),
        Arguments.of("a".repeat(54), "a".repeat(44) + "-a3f01b69"),
        Arguments.of("abc/".repeat(15), "abc-".repeat(10) + "abc-56f2c6b5"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
  @MethodSource("table")
  void slugs(String text, String expected) {
    assertThat(Slug.of(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("table")
  void everySlug_isAValidDockerTag_ofAtMost53Characters_andASlugOfItself(String text, String ignored) {
    String slug = Slug.of(text);

    assertThat(slug).hasSizeLessThanOrEqualTo(Slug.MAX_LENGTH).matches("[a-z0-9]+(-+[a-z0-9]+)*");
    assertThat(Slug.of(slug)).isEqualTo(slug);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" and \"{1}\"")
  @MethodSource("lookAlikes")
  void textsThatTransformAlike_getDifferentSlugs(String one, String other) {
    assertThat(Slug.of(one)).isNotEqualTo(Slug.of(other));
  }

  static Stream<Arguments> lookAlikes() {
    return Stream.of(
        Arguments.of("feature/login", "feature_login"),
        Arguments.of("Feature-Login", "feature/login"),
        Arguments.of("a".repeat(60), "a".repeat(61)));
  }
}
