package io.dapp.adapters.env.dappfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the documents of a YAML stream into {@link YamlNode}s, keeping each value's line. */
final class YamlTree {

  private YamlTree() {}

  /** Every document, in order; an empty document (as between two {@code ---}) is a {@link YamlNode.Null}. */
  static List<YamlNode> documents(JsonParser parser) throws IOException {
    List<YamlNode> documents = new ArrayList<>();
    while (parser.nextToken() != null) {
      YamlNode document = node(parser);
      // Depending on the SnakeYAML version, an empty document reads as null or as an empty string.
      boolean empty = document instanceof YamlNode.Scalar scalar && scalar.string() && scalar.text().isEmpty();
      documents.add(empty ? new YamlNode.Null(document.line()) : document);
    }
    return documents;
  }

  private static YamlNode node(JsonParser parser) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          parser.nextToken();
          entries.put(key, new YamlNode.Entry(key, keyLine, node(parser)));
        }
        return new YamlNode.Mapping(entries, line);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(parser));
        }
        return new YamlNode.Sequence(items, line);
      }
      case VALUE_NULL -> {
        return new YamlNode.Null(line);
      }
      case VALUE_STRING -> {
        return new YamlNode.Scalar(parser.getText(), true, line);
      }
      default -> {
        return new YamlNode.Scalar(parser.getText(), false, line);
      }
    }
  }
}
