package io.dapp.adapters.env.dappfile;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One document of a dappfile: a dimg (named, or the nameless one) or an artifact, with its base image.
 * {@code from: scratch} means no base image.
 */
record Document(boolean isDimg, Optional<String> name, Optional<ImageReference> from) {

  private static final String SCRATCH = "scratch";

  Document {
    Objects.requireNonNull(name, "'name' must not be null");
    Objects.requireNonNull(from, "'from' must not be null");
  }

  static Document of(Path file, int index, JsonNode node) throws InvalidInputException {
    if (!node.isObject()) {
      throw new InvalidInputException(file + ": document " + index + " must be a mapping of directives");
    }
    boolean isArtifact = node.has("artifact");
    if (isArtifact && node.has("dimg")) {
      throw new InvalidInputException(file + ": document " + index + " has both 'dimg' and 'artifact'");
    }
    String kind = isArtifact ? "artifact" : "dimg";
    Optional<String> name = name(file, index, kind, node.get(kind));
    if (isArtifact && name.isEmpty()) {
      throw new InvalidInputException(file + ": document " + index + ": an artifact needs a name");
    }
    String subject = name.map(n -> kind + " '" + n + "'").orElse("the nameless dimg");
    return new Document(!isArtifact, name, from(file, subject, node.get("from")));
  }

  private static Optional<String> name(Path file, int index, String kind, JsonNode value) throws InvalidInputException {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new InvalidInputException(file + ": document " + index + ": '" + kind + "' must be a name or ~");
    }
    return Optional.of(value.textValue());
  }

  private static Optional<ImageReference> from(Path file, String subject, JsonNode value)
      throws InvalidInputException {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(file + ": " + subject + ": 'from' must be an image reference string");
    }
    String text = value.textValue().strip();
    if (text.equals(SCRATCH)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageReference.parse(text));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(file + ": " + subject + ": " + e.getMessage());
    }
  }
}
