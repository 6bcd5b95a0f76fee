package io.dapp.adapters.env.dockerconfig;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a config.json with Jackson. Jackson's own messages quote the text around a syntax error, which
 * may be a password, so only the position is reported.
 */
final class ConfigJsonReader {

  private final ObjectMapper mapper = new ObjectMapper();

  /** A missing or empty file is an empty config, as docker treats it. */
  ConfigJson read(ConfigJsonFile file) throws InvalidInputException {
    if (!Files.exists(file.path())) {
      return ConfigJson.empty(file.toString());
    }
    if (!Files.isRegularFile(file.path())) {
      throw new InvalidInputException(file + ": not a regular file");
    }
    return read(file.toString(), readBytes(file));
  }

  /**
   * A config.json held in memory, such as GitLab's {@code DOCKER_AUTH_CONFIG} variable; messages name it by
   * {@code origin} and, like those about a file, never quote its content.
   */
  ConfigJson read(String origin, byte[] content) throws InvalidInputException {
    JsonNode root = parse(origin, content);
    if (root.isMissingNode()) {
      return ConfigJson.empty(origin);
    }
    if (!root.isObject()) {
      throw new InvalidInputException(origin + ": not a JSON object");
    }
    return new ConfigJson(origin, auths(origin, root.get("auths")), credHelpers(origin, root.get("credHelpers")),
        optionalText(origin, root.get("credsStore"), "'credsStore'"));
  }

  private static byte[] readBytes(ConfigJsonFile file) throws InvalidInputException {
    try {
      return Files.readAllBytes(file.path());
    } catch (NoSuchFileException e) {
      return new byte[0];
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private JsonNode parse(String file, byte[] content) throws InvalidInputException {
    try {
      return mapper.readTree(content);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + ": not valid JSON" + position(e.getLocation()));
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String position(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static Map<String, AuthEntry> auths(String file, JsonNode auths) throws InvalidInputException {
    Map<String, AuthEntry> entries = new LinkedHashMap<>();
    if (auths == null || auths.isNull()) {
      return entries;
    }
    if (!auths.isObject()) {
      throw new InvalidInputException(file + ": 'auths' must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = auths.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode entry = field.getValue();
      if (entry.isNull()) {
        continue;
      }
      if (!entry.isObject()) {
        throw new InvalidInputException(file + ": auths entry '" + UserText.escape(key) + "' must be an object");
      }
      String where = "auths entry '" + UserText.escape(key) + "': ";
      entries.put(key, new AuthEntry(key,
          text(file, entry.get("auth"), where + "'auth'"),
          text(file, entry.get("username"), where + "'username'"),
          text(file, entry.get("password"), where + "'password'"),
          text(file, entry.get("identitytoken"), where + "'identitytoken'"),
          text(file, entry.get("registrytoken"), where + "'registrytoken'")));
    }
    return entries;
  }

  private static Map<String, String> credHelpers(String file, JsonNode helpers) throws InvalidInputException {
    Map<String, String> byKey = new LinkedHashMap<>();
    if (helpers == null || helpers.isNull()) {
      return byKey;
    }
    if (!helpers.isObject()) {
      throw new InvalidInputException(file + ": 'credHelpers' must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = helpers.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String helper = text(file, field.getValue(), "credHelpers entry '" + UserText.escape(field.getKey()) + "'");
      byKey.put(field.getKey(), helper == null ? "" : helper);
    }
    return byKey;
  }

  private static Optional<String> optionalText(String file, JsonNode node, String what)
      throws InvalidInputException {
    return Optional.ofNullable(text(file, node, what)).filter(value -> !value.isEmpty());
  }

  /** The string value, or null when absent; any other JSON type is an error that never quotes the value. */
  private static String text(String file, JsonNode node, String what) throws InvalidInputException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidInputException(file + ": " + what + " must be a string");
    }
    return node.textValue();
  }
}
