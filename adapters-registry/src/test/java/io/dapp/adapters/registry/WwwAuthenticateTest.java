package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WwwAuthenticateTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("Basic realm=\"Registry Realm\"",
            List.of(new Challenge("basic", Map.of("realm", "Registry Realm")))),
        Arguments.of("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:group/app:pull,push\"",
            List.of(new Challenge("bearer", Map.of("realm", "https://auth.example.com/token",
                "service", "registry.example.com", "scope", "repository:group/app:pull,push")))),
        Arguments.of("Bearer realm=\"https://a/token\", error=\"insufficient_scope\", Basic realm=\"fallback\"",
            List.of(new Challenge("bearer", Map.of("realm", "https://a/token", "error", "insufficient_scope")),
                new Challenge("basic", Map.of("realm", "fallback")))),
        Arguments.of("BEARER Realm=token-without-quotes , SERVICE = svc",
            List.of(new Challenge("bearer", Map.of("realm", "token-without-quotes", "service", "svc")))),
        Arguments.of("Bearer realm=\"a \\\"quoted\\\" realm, with comma\",service=\"s\\\\x\"",
            List.of(new Challenge("bearer", Map.of("realm", "a \"quoted\" realm, with comma", "service", "s\\x")))),
        Arguments.of("Negotiate, Basic realm=\"r\"",
            List.of(new Challenge("negotiate", Map.of()), new Challenge("basic", Map.of("realm", "r")))),
        Arguments.of("", List.of()),
        Arguments.of("Bearer realm=\"unterminated",
            List.of(new Challenge("bearer", Map.of("realm", "unterminated")))));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void parsesEveryChallengeAndItsParameters(String header, List<Challenge> expected) {
    assertThat(WwwAuthenticate.parse(header)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("headers")
  void severalHeaderLinesReadAsOneJoinedByCommas(String header, List<Challenge> expected) {
    List<Challenge> twice = WwwAuthenticate.parse(List.of(header, header));
    assertThat(twice).hasSize(expected.size() * 2);
  }
}
