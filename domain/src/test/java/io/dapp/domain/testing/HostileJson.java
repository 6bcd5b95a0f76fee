package io.dapp.domain.testing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * JSON a hostile or broken server or file could hold, as text: values of every type where another is
 * expected, invalid and path-like digests, control characters, huge numbers and strings, nesting thousands
 * deep, truncated documents, and documents of the expected shape with some values swapped for such
 * things. Shared by the adapters' property tests of their JSON readers.
 */
public final class HostileJson {

  private HostileJson() {}

  /** Strings that mean something to dapp, or must not: digests, path traversal, control characters. */
  public static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.of("", "sha256:", "sha256:" + "a".repeat(64), "sha256:" + "A".repeat(64), "sha512:" + "0".repeat(128),
            "sha256:../../../../etc/passwd", "../../x", "/etc/passwd", "a/../../b", "md5:abc", "linux", "amd64",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "2024-01-01T00:00:00Z", "not a date", "latest", "v1.0", "-bad", ".hidden", "a\nb", "\u001b[31mred",
            "\r\nX-Injected: 1", "\u0000", "é☃\uD83D\uDE00")),
        net.jqwik.api.Tuple.of(4, Arbitraries.strings().withChars("abc:/.-_@\\\"\n\t\u0000\u001bé").ofMaxLength(30)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(5_000, 30_000).map("x"::repeat)));
  }

  /** Any JSON value, nested at most {@code depth} levels. */
  public static Arbitrary<String> values(int depth) {
    Arbitrary<String> scalars = Arbitraries.oneOf(
        Arbitraries.of("null", "true", "false", "0", "-1", "-0", "1.5", "1e999999", "-1e-999999",
            "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "4294967296"),
        Arbitraries.longs().map(n -> Long.toString(n)),
        strings().map(HostileJson::quote));
    if (depth <= 0) {
      return scalars;
    }
    Arbitrary<String> arrays = values(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
    Arbitrary<String> objects = Combinators.combine(strings(), values(depth - 1)).as((k, v) -> quote(k) + ":" + v)
        .list().ofMaxSize(4).map(fields -> "{" + String.join(",", fields) + "}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalars), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, objects));
  }

  /** Nesting far deeper than any document needs: a recursive reader must refuse it, not overflow its stack. */
  public static Arbitrary<String> deeplyNested() {
    return Combinators.combine(Arbitraries.integers().between(500, 3_000), Arbitraries.of("[", "{\"a\":"))
        .as((depth, open) -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth));
  }

  /**
   * Documents shaped like {@code template}, whose {@code %s} slots hold {@code good} values; each slot keeps
   * its good value, or gets a hostile one, or the document is cut short at a random point.
   */
  public static Arbitrary<String> shapedLike(String template, String... good) {
    List<Arbitrary<String>> slots = new ArrayList<>();
    for (String value : good) {
      slots.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(value)),
          net.jqwik.api.Tuple.of(1, values(2))));
    }
    Arbitrary<String> filled = Combinators.combine(slots).as(values -> String.format(template, values.toArray()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, filled),
        net.jqwik.api.Tuple.of(1, Combinators.combine(filled, Arbitraries.doubles().between(0, 1))
            .as((text, cut) -> text.substring(0, (int) (text.length() * cut)))));
  }

  /** Any of the above, for a reader expecting documents like {@code template}. */
  public static Arbitrary<String> documents(String template, String... good) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, shapedLike(template, good)),
        net.jqwik.api.Tuple.of(2, values(3)),
        net.jqwik.api.Tuple.of(1, deeplyNested()),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(50)));
  }

  public static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
