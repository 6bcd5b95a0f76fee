package io.dapp.adapters.env.dappfile;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on: Jackson's tree model forgets where a value was, and every
 * dappfile error names its line.
 */
sealed interface YamlNode {

  int line();

  /** A scalar as written; {@code string} tells a quoted or plain string from a number or boolean. */
  record Scalar(String text, boolean string, int line) implements YamlNode {}

  record Null(int line) implements YamlNode {}

  record Sequence(List<YamlNode> items, int line) implements YamlNode {}

  /** Keys in file order, each with the line of the key itself. */
  record Mapping(Map<String, Entry> entries, int line) implements YamlNode {}

  record Entry(String key, int line, YamlNode value) {}

  /** What a message says this node is, for "must be a list, not a mapping". */
  static String kind(YamlNode node) {
    if (node instanceof Scalar scalar) {
      return scalar.string() ? "a string" : "'" + scalar.text() + "'";
    }
    if (node instanceof Null) {
      return "empty";
    }
    return node instanceof Sequence ? "a list" : "a mapping";
  }
}
