package io.dapp.adapters.env.dappfile;

import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.Environment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Reads the project's {@code dappfile.yaml} (or {@code .yml}): one YAML document per dimg or artifact.
 * Every error is one line, {@code <file>:<line>: <what is wrong>}. Before the YAML is read, {@code {{ env "NAME" }}}
 * is replaced by the variable's value ({@link DappfileTemplate}).
 */
public final class YamlDappfiles implements Dappfiles {

  private static final List<String> FILE_NAMES = List.of("dappfile.yaml", "dappfile.yml");

  private final Environment environment;

  @Inject
  public YamlDappfiles(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
  }

  /** Templates render with the process's environment. */
  public YamlDappfiles() {
    this(new SystemEnvironment());
  }

  @Override
  public Dappfile read(Path projectDirectory) throws InvalidInputException {
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    Path file = locate(projectDirectory);
    List<YamlNode> documents = parse(file);
    List<Dimg> dimgs = new ArrayList<>();
    List<Artifact> artifacts = new ArrayList<>();
    Map<Optional<String>, Integer> dimgLines = new HashMap<>();
    try {
      for (YamlNode document : documents) {
        if (document instanceof YamlNode.Null) {
          continue; // an empty document, as between two '---'
        }
        DocumentReader.Read read = DocumentReader.read(document);
        if (read instanceof DocumentReader.Read.DimgRead dimg) {
          Integer first = dimgLines.putIfAbsent(dimg.dimg().name(), dimg.line());
          if (first != null) {
            throw new DappfileSyntaxException(dimg.line(), dimg.dimg().name()
                .map(name -> "dimg '" + name + "' is defined more than once (first at line " + first + ")")
                .orElse("more than one dimg has no name (first at line " + first + ")"));
          }
          dimgs.add(dimg.dimg());
        } else if (read instanceof DocumentReader.Read.ArtifactRead artifact) {
          artifacts.add(artifact.artifact());
        }
      }
      // A stage's output and the store's names tell dimgs and artifacts apart by name only.
      for (Artifact artifact : artifacts) {
        Integer dimgLine = dimgLines.get(Optional.of(artifact.name()));
        if (dimgLine != null) {
          throw new DappfileSyntaxException(Math.max(dimgLine, artifact.line()), "dimg '" + artifact.name()
              + "' and artifact '" + artifact.name() + "' (lines " + Math.min(dimgLine, artifact.line()) + " and "
              + Math.max(dimgLine, artifact.line()) + ") have the same name");
        }
      }
    } catch (DappfileSyntaxException e) {
      throw new InvalidInputException(file + ":" + e.line() + ": " + e.getMessage());
    }
    try {
      return new Dappfile(file.toString(), dimgs, artifacts);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage()); // already file:line: what
    }
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

  private List<YamlNode> parse(Path file) throws InvalidInputException {
    // UnicodeReader reads UTF-8, or UTF-16/32 when a byte order mark says so, as YAML allows.
    try (Reader reader = new UnicodeReader(Files.newInputStream(file))) {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[8192];
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        text.append(buffer, 0, read);
      }
      return YamlTree.documents(new StringReader(DappfileTemplate.render(text.toString(), environment.variables())));
    } catch (DappfileSyntaxException e) {
      throw new InvalidInputException(file + ":" + e.line() + ": " + e.getMessage());
    } catch (MarkedYAMLException e) {
      // SnakeYAML quotes the character it stumbled on: a tab, a NUL.
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? " " : (mark.getLine() + 1) + ": ";
      String column = mark == null ? "" : " at column " + (mark.getColumn() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw new InvalidInputException(file + ":" + where + "malformed YAML" + column + ": " + firstLine(problem));
    } catch (YAMLException e) {
      // Not valid UTF-8, or past SnakeYAML's size limit: no line to name.
      throw new InvalidInputException(file + ": malformed YAML: " + firstLine(e.getMessage()));
    } catch (NumberFormatException e) {
      // SnakeYAML's scanner reads the hex digits of a double-quoted escape without checking that any are left.
      throw new InvalidInputException(file + ": malformed YAML: an escape in double quotes (\\x, \\u or \\U) "
          + "without its hex digits");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").strip();
  }
}
