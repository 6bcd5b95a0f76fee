package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ImageMeta;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads {@code created} and {@code config.Labels} of an image config with the adapter's JSON reader. */
public final class JacksonImageConfigReader implements ImageConfigReader {

  @Override
  public ImageMeta read(byte[] config) throws OperationFailedException {
    JsonNode root;
    try {
      root = Json.tree(config);
    } catch (IOException e) {
      throw new OperationFailedException("is not JSON");
    }
    if (!root.isObject()) {
      throw new OperationFailedException("is not a JSON object");
    }
    Optional<Instant> created = Optional.ofNullable(Json.text(root, "created")).flatMap(JacksonImageConfigReader::instant);
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode containerConfig = root.get("config");
    JsonNode labelNode = containerConfig == null ? null : containerConfig.get("Labels");
    if (labelNode != null && labelNode.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = labelNode.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> label = fields.next();
        if (label.getValue().isTextual()) {
          labels.put(label.getKey(), label.getValue().asText());
        }
      }
    }
    return new ImageMeta(created, labels);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }
}
