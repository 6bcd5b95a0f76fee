package io.dapp.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.testing.HostileInput;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parsers of the network variables and options over hostile text: {@code NO_PROXY} (which never fails,
 * as Go's reading never does), proxy URLs and mirror URLs (a value or a one-line {@link InvalidInputException},
 * within a bound). A proxy URL's message never quotes the value, which may hold a password.
 */
class NetworkParsingProperties {

  private static final String NEAR = "abz09.-_:/@[]*%,? \t\n\u001b\u0000é";

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(NEAR).ofMaxLength(60),
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("a.:/,*[]0").ofMinLength(200).ofMaxLength(5000),
        mutated(Arbitraries.of("http://user:pa55@proxy.corp:3128/", "10.0.0.0/8, .corp, *.x.io:5000, [::1]:80",
            "https://mirror.gcr.io", "[2001:db8::1]:3128", "proxy:3128")));
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars(NEAR).ofMaxLength(40),
        Arbitraries.of("registry.corp", "10.1.2.3", "::1", "[fd00::1]", "localhost", ""));
  }

  @Property(tries = 500)
  void noProxy_readsAnything_andMatchesAnyHost(@ForAll("hostile") String value, @ForAll("hosts") String host) {
    Optional<Optional<String>> matched = HostileInput.parse(() -> new NoProxy(value).bypassFor(host, 443));
    assertThat(matched).isPresent();
    matched.get().ifPresent(entry -> assertThat(value.toLowerCase()).contains(entry.equals("*") ? "*" : entry));
  }

  @Property(tries = 500)
  void proxyUrls_parseOrFailInOneLine_withoutQuotingTheValue(@ForAll("hostile") String value) {
    HostileInput.parse(() -> ProxyAddress.parse("HTTPS_PROXY", value), InvalidInputException.class);
    try {
      ProxyAddress parsed = ProxyAddress.parse("HTTPS_PROXY", value);
      parsed.credentials().filter(credentials -> credentials.username().length() > 5
          && !parsed.host().contains(credentials.username())).ifPresent(credentials ->
          assertThat(parsed.toString() + parsed.describe()).doesNotContain(credentials.username()));
    } catch (InvalidInputException e) {
      assertThat(e.getMessage()).startsWith("$HTTPS_PROXY: ");
      if (value.strip().length() > 8) {
        assertThat(e.getMessage()).doesNotContain(value.strip());
      }
    }
  }

  @Property(tries = 300)
  void proxySettings_fromHostileVariables_readOrFailInOneLine(@ForAll("hostile") String proxy,
      @ForAll("hostile") String noProxy, @ForAll("hosts") String host) {
    HostileInput.parse(() -> ProxySettings.from(Map.of("HTTPS_PROXY", proxy, "NO_PROXY", noProxy))
        .route("https", host, 443), InvalidInputException.class);
  }

  @Property(tries = 500)
  void mirrorUrls_parseOrFailInOneLine(@ForAll("hostile") String value) {
    HostileInput.parse(() -> RegistryMirror.parse("--registry-mirror", value), InvalidInputException.class);
  }

  private static Arbitrary<String> mutated(Arbitrary<String> valid) {
    return Combinators.combine(valid, Arbitraries.integers().between(0, 60),
            Arbitraries.chars().with(NEAR.toCharArray()), Arbitraries.of("insert", "delete", "replace"))
        .as((text, at, c, how) -> {
          int i = Math.min(at, text.length());
          return switch (how) {
            case "insert" -> text.substring(0, i) + c + text.substring(i);
            case "delete" -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
            default -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text + c;
          };
        });
  }
}
