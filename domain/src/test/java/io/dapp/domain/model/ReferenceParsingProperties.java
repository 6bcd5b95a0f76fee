package io.dapp.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.testing.HostileInput;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reference parsers over hostile text (any characters, control characters, very long input, near
 * misses of the grammar): a value or a one-line {@link InvalidReferenceException}, within a bound; and
 * what parses prints back to the same value.
 */
class ReferenceParsingProperties {

  /** Characters the grammar gives meaning to, and some it must refuse, often enough to matter. */
  private static final String NEAR = "abcz09AZ.-_:/@[]+ \t\n\r\u001b\u0000%~é";

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(NEAR).ofMaxLength(60),
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("a-_.:/").ofMinLength(200).ofMaxLength(5000),
        mutated(valid()));
  }

  /** References docker's grammar accepts, built from its parts. */
  @Provide
  Arbitrary<String> valid() {
    Arbitrary<String> component = Arbitraries.strings().withChars("abcxyz019").ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--");
    Arbitrary<String> pathComponent = Combinators.combine(component, separator, component)
        .as((a, s, b) -> a + s + b).injectDuplicates(0.1);
    Arbitrary<String> path = pathComponent.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
    Arbitrary<String> host = Arbitraries.of("", "registry.example.com/", "localhost:5000/", "127.0.0.1:5050/",
        "[::1]:5000/", "docker.io/", "Gitlab.Example.COM/");
    Arbitrary<String> tag = Arbitraries.strings().withChars("aZ09_.-").ofMinLength(0).ofMaxLength(20)
        .map(t -> t.isEmpty() ? "" : ":v" + t);
    Arbitrary<String> digest = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)
        .injectDuplicates(0.0).map(hex -> "@sha256:" + hex).optional().map(d -> d.orElse(""));
    return Combinators.combine(host, path, tag, digest).as((h, p, t, d) -> h + p + t + d);
  }

  private static Arbitrary<String> mutated(Arbitrary<String> valid) {
    return Combinators.combine(valid, Arbitraries.integers().between(0, 200),
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

  @Property(tries = 300)
  void anyText_isAReferenceThatPrintsBackToItself_orAOneLineError(@ForAll("hostile") String text) throws Exception {
    Optional<ImageReference> parsed = HostileInput.parse(() -> ImageReference.parse(text),
        InvalidReferenceException.class);

    if (parsed.isPresent()) {
      assertThat(ImageReference.parse(parsed.get().toString())).isEqualTo(parsed.get());
    }
  }

  @Property(tries = 200)
  void referencesOfTheGrammar_parse_andPrintBackToThemselves(@ForAll("valid") String text) throws Exception {
    ImageReference reference = ImageReference.parse(text);

    assertThat(ImageReference.parse(reference.toString())).isEqualTo(reference);
  }

  @Property(tries = 200)
  void anyText_isADigestSafeAsAFileName_orAOneLineError(@ForAll("hostile") String text) {
    Optional<Digest> digest = HostileInput.parse(() -> Digest.parse(text), InvalidReferenceException.class);

    // The store names blob files after the hex: it must never be a path of its own.
    digest.ifPresent(d -> assertThat(d.hex()).matches("[0-9a-f]+"));
  }

  @Property(tries = 200)
  void anyText_isARegistryAddress_orAOneLineError(@ForAll("hostile") String text) {
    Optional<RegistryHost> host = HostileInput.parse(() -> RegistryHost.parse(text), InvalidReferenceException.class);

    host.ifPresent(h -> assertThat(h.name()).doesNotContain("/", "@", " ").isLowerCase());
  }

  @Property(tries = 200)
  void anyText_isAPlatform_orAOneLineError(@ForAll("hostile") String text) {
    HostileInput.parse(() -> Platform.parse(text), InvalidPlatformException.class);
  }
}
