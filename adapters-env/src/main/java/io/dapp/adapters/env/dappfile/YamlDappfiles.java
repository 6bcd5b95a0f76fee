package io.dapp.adapters.env.dappfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.Dappfiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the project's {@code dappfile.yaml} (or {@code .yml}): one YAML document per dimg. Only what the
 * login procedure and deploys need is read for now, each dimg's name and base image; other keys are left alone.
 */
public final class YamlDappfiles implements Dappfiles {

  private static final List<String> FILE_NAMES = List.of("dappfile.yaml", "dappfile.yml");

  private final YAMLFactory yaml = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private final ObjectMapper mapper = new ObjectMapper(yaml);

  @Inject
  public YamlDappfiles() {
  }

  @Override
  public List<ImageReference> baseImages(Path projectDirectory, List<String> dimgNames) throws InvalidInputException {
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    Objects.requireNonNull(dimgNames, "'dimgNames' must not be null");
    Path file = locate(projectDirectory);
    List<Document> documents = read(file);
    checkNamesAreUnique(file, documents);
    for (String requested : dimgNames) {
      if (documents.stream().noneMatch(d -> d.isDimg() && d.name().filter(requested::equals).isPresent())) {
        throw new InvalidInputException(file + ": there is no dimg '" + requested + "' (dimgs: "
            + dimgList(documents) + ")");
      }
    }
    Set<ImageReference> images = new LinkedHashSet<>();
    for (Document document : documents) {
      // Artifacts are built for the dimgs that import them; imports are not read yet, so only a build of
      // all dimgs is known to need them.
      boolean wanted = document.isDimg()
          ? dimgNames.isEmpty() || document.name().filter(dimgNames::contains).isPresent()
          : dimgNames.isEmpty();
      if (wanted) {
        document.from().ifPresent(images::add);
      }
    }
    return List.copyOf(images);
  }

  @Override
  public List<Optional<String>> dimgNames(Path projectDirectory) throws InvalidInputException {
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    Path file = locate(projectDirectory);
    List<Document> documents = read(file);
    checkNamesAreUnique(file, documents);
    return documents.stream().filter(Document::isDimg).map(Document::name).toList();
  }

  private static Path locate(Path projectDirectory) throws InvalidInputException {
    List<Path> present = FILE_NAMES.stream().map(projectDirectory::resolve).filter(Files::isRegularFile).toList();
    if (present.isEmpty()) {
      throw new InvalidInputException("no dappfile.yaml in " + projectDirectory);
    }
    if (present.size() > 1) {
      throw new InvalidInputException("both dappfile.yaml and dappfile.yml in " + projectDirectory + ": keep one");
    }
    return present.get(0);
  }

  private List<Document> read(Path file) throws InvalidInputException {
    List<Document> documents = new ArrayList<>();
    try (JsonParser parser = yaml.createParser(file.toFile());
        MappingIterator<JsonNode> nodes = mapper.readValues(parser, JsonNode.class)) {
      int index = 0;
      while (nodes.hasNextValue()) {
        JsonNode node = nodes.nextValue();
        index++;
        if (isEmpty(node)) {
          continue; // an empty document, as between two '---'
        }
        documents.add(Document.of(file, index, node));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + ": malformed YAML " + describe(e));
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return documents;
  }

  /** Depending on the SnakeYAML version, an empty document reads as null or as an empty string. */
  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.textValue().isEmpty());
  }

  /**
   * Where and what: SnakeYAML knows the line of the problem itself, Jackson only where it stopped reading.
   * Both messages are cut to their first line (SnakeYAML quotes the offending lines after it).
   */
  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      return "at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
          + firstLine(yaml.getProblem());
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return where + ": " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").strip();
  }

  private static void checkNamesAreUnique(Path file, List<Document> documents) throws InvalidInputException {
    Set<Optional<String>> seen = new LinkedHashSet<>();
    for (Document document : documents) {
      if (document.isDimg() && !seen.add(document.name())) {
        throw new InvalidInputException(file + ": " + document.name()
            .map(name -> "dimg '" + name + "' is defined more than once")
            .orElse("more than one dimg has no name"));
      }
    }
  }

  private static String dimgList(List<Document> documents) {
    return documents.stream().filter(Document::isDimg)
        .map(d -> d.name().orElse("~"))
        .collect(Collectors.joining(", "));
  }
}
