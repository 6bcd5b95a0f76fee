package io.dapp.adapters.env.dappfile;

import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one dappfile document, a dimg or an artifact, checking every key and type: a misspelt key is an
 * error, never silently ignored, since it would build a different image than the author meant.
 */
final class DocumentReader {

  private static final Set<String> DOCUMENT_KEYS = Set.of("dimg", "artifact", "from", "git", "shell", "docker");
  private static final Set<String> NOT_YET = Set.of("import", "mount", "fromCacheVersion", "fromDimg",
      "fromDimgArtifact", "asLayers", "doc");
  private static final Set<String> GIT_KEYS = Set.of("add", "to", "includePaths", "excludePaths", "owner", "group");
  private static final Set<String> GIT_NOT_YET = Set.of("url", "branch", "commit", "stageDependencies", "as");
  private static final Set<String> DOCKER_KEYS = Set.of("WORKDIR", "USER", "ENV", "LABEL", "EXPOSE", "VOLUME",
      "ENTRYPOINT", "CMD");
  private static final Set<String> DOCKER_NOT_YET = Set.of("HEALTHCHECK", "STOPSIGNAL", "ONBUILD");

  /** A document read: a dimg, or an artifact with its name and base image. */
  sealed interface Read {
    record DimgRead(Dimg dimg, int line) implements Read {}

    record ArtifactRead(String name, BaseImage from, int line) implements Read {}
  }

  private final YamlNode.Mapping document;
  private final String subject;

  private DocumentReader(YamlNode.Mapping document, String subject) {
    this.document = document;
    this.subject = subject;
  }

  static Read read(YamlNode node) throws DappfileSyntaxException {
    if (!(node instanceof YamlNode.Mapping document)) {
      throw new DappfileSyntaxException(node.line(), "a document must be a mapping of directives, not "
          + YamlNode.kind(node));
    }
    boolean artifact = document.entries().containsKey("artifact");
    if (artifact && document.entries().containsKey("dimg")) {
      throw new DappfileSyntaxException(document.line(), "a document has either 'dimg' or 'artifact', not both");
    }
    Optional<String> name = name(document, artifact ? "artifact" : "dimg");
    if (artifact && name.isEmpty()) {
      throw new DappfileSyntaxException(document.entries().get("artifact").line(), "an artifact needs a name");
    }
    String subject = name.map(n -> (artifact ? "artifact '" : "dimg '") + n + "'").orElse("the nameless dimg");
    DocumentReader reader = new DocumentReader(document, subject);
    reader.checkKeys();
    BaseImage from = reader.from();
    if (artifact) {
      reader.shell(); // checked now, built with artifacts
      return new Read.ArtifactRead(name.get(), from, document.line());
    }
    try {
      return new Read.DimgRead(new Dimg(name, from, reader.git(), reader.shell(), reader.docker()), document.line());
    } catch (IllegalArgumentException e) {
      throw new DappfileSyntaxException(document.line(), subject + ": " + e.getMessage());
    }
  }

  private static Optional<String> name(YamlNode.Mapping document, String key) throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get(key);
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Scalar scalar) || !scalar.string() || scalar.text().isBlank()) {
      throw new DappfileSyntaxException(entry.line(), "'" + key + "' must be a name or ~, not "
          + YamlNode.kind(entry.value()));
    }
    if (key.equals("dimg") && Dimg.nameProblem(scalar.text()) != null) {
      throw new DappfileSyntaxException(entry.line(), Dimg.nameProblem(scalar.text()));
    }
    return Optional.of(scalar.text());
  }

  private void checkKeys() throws DappfileSyntaxException {
    for (YamlNode.Entry entry : document.entries().values()) {
      String key = entry.key();
      if (key.equals("ansible")) {
        throw new DappfileSyntaxException(entry.line(), "'ansible' in " + subject + " is not supported: "
            + "write its tasks as shell commands (shell: {beforeInstall: [...], install: [...], setup: [...]})");
      }
      if (NOT_YET.contains(key)) {
        throw new DappfileSyntaxException(entry.line(), "'" + key + "' in " + subject + " is not supported yet");
      }
      if (!DOCUMENT_KEYS.contains(key)) {
        throw new DappfileSyntaxException(entry.line(), "unknown key '" + key + "' in " + subject
            + " (known: dimg, from, git, shell, docker)");
      }
    }
  }

  private BaseImage from() throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get("from");
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      throw new DappfileSyntaxException(entry == null ? document.line() : entry.line(),
          subject + " has no 'from': name a base image, or scratch");
    }
    String text = string(entry, "an image reference or scratch").strip();
    if (text.equals(BaseImage.SCRATCH_NAME)) {
      return BaseImage.SCRATCH;
    }
    try {
      return BaseImage.of(ImageReference.parse(text), text);
    } catch (InvalidInputException e) {
      throw new DappfileSyntaxException(entry.value().line(), "'from' in " + subject + ": " + e.getMessage());
    }
  }

  private List<GitMapping> git() throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get("git");
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return List.of();
    }
    if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
      throw new DappfileSyntaxException(entry.value().line(), "'git' in " + subject
          + " must be a list of mappings (- add: /src), not " + YamlNode.kind(entry.value()));
    }
    List<GitMapping> mappings = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      mappings.add(gitMapping(item));
    }
    return mappings;
  }

  private GitMapping gitMapping(YamlNode item) throws DappfileSyntaxException {
    if (!(item instanceof YamlNode.Mapping mapping)) {
      throw new DappfileSyntaxException(item.line(), "a 'git' entry in " + subject + " must be a mapping, not "
          + YamlNode.kind(item));
    }
    for (YamlNode.Entry entry : mapping.entries().values()) {
      if (GIT_NOT_YET.contains(entry.key())) {
        throw new DappfileSyntaxException(entry.line(), "'" + entry.key() + "' in a 'git' entry of " + subject
            + " is not supported yet (only the project's own repository)");
      }
      if (!GIT_KEYS.contains(entry.key())) {
        throw new DappfileSyntaxException(entry.line(), "unknown key '" + entry.key() + "' in a 'git' entry of "
            + subject + " (known: add, to, includePaths, excludePaths, owner, group)");
      }
    }
    YamlNode.Entry add = required(mapping, "add");
    YamlNode.Entry to = required(mapping, "to");
    try {
      return new GitMapping(string(add, "a path"), string(to, "a path"),
          strings(mapping.entries().get("includePaths"), false), strings(mapping.entries().get("excludePaths"), false),
          optionalId(mapping.entries().get("owner")), optionalId(mapping.entries().get("group")));
    } catch (IllegalArgumentException e) {
      throw new DappfileSyntaxException(mapping.line(), "a 'git' entry of " + subject + ": " + e.getMessage());
    }
  }

  private YamlNode.Entry required(YamlNode.Mapping mapping, String key) throws DappfileSyntaxException {
    YamlNode.Entry entry = mapping.entries().get(key);
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      throw new DappfileSyntaxException(mapping.line(), "a 'git' entry of " + subject + " has no '" + key + "'");
    }
    return entry;
  }

  private Optional<String> optionalId(YamlNode.Entry entry) throws DappfileSyntaxException {
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Scalar scalar)) {
      throw typeError(entry, "a user or group name or a numeric id");
    }
    return Optional.of(scalar.text());
  }

  private ShellStages shell() throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get("shell");
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return ShellStages.NONE;
    }
    if (!(entry.value() instanceof YamlNode.Mapping shell)) {
      throw typeError(entry, "a mapping of stages to commands (install: [...])");
    }
    Map<String, UserStage> stages = new LinkedHashMap<>();
    Map<String, UserStage> versions = new LinkedHashMap<>();
    for (UserStage stage : UserStage.values()) {
      stages.put(stage.key(), stage);
      versions.put(stage.cacheVersionKey(), stage);
    }
    Map<UserStage, List<String>> commands = new EnumMap<>(UserStage.class);
    Map<UserStage, String> stageVersions = new EnumMap<>(UserStage.class);
    Optional<String> cacheVersion = Optional.empty();
    for (YamlNode.Entry item : shell.entries().values()) {
      String key = item.key();
      if (stages.containsKey(key)) {
        commands.put(stages.get(key), commands(item));
      } else if (versions.containsKey(key)) {
        scalar(item).ifPresent(version -> stageVersions.put(versions.get(key), version));
      } else if (key.equals("cacheVersion")) {
        cacheVersion = scalar(item);
      } else if (key.equals("buildArtifact") || key.equals("buildArtifactCacheVersion")) {
        throw new DappfileSyntaxException(item.line(), "'shell." + key + "' in " + subject
            + " is for artifacts only, not dimgs");
      } else {
        throw new DappfileSyntaxException(item.line(), "unknown key '" + key + "' in 'shell' of " + subject
            + " (known: beforeInstall, install, beforeSetup, setup, cacheVersion and <stage>CacheVersion)");
      }
    }
    try {
      return new ShellStages(commands, cacheVersion, stageVersions);
    } catch (IllegalArgumentException e) {
      throw new DappfileSyntaxException(entry.line(), "'shell' of " + subject + ": " + e.getMessage());
    }
  }

  /** A stage's commands: one command or a list; {@code true} and {@code 1} are commands as written. */
  private List<String> commands(YamlNode.Entry entry) throws DappfileSyntaxException {
    if (entry.value() instanceof YamlNode.Null) {
      return List.of();
    }
    if (entry.value() instanceof YamlNode.Scalar scalar) {
      return List.of(scalar.text());
    }
    return strings(entry, true);
  }

  /** A cache version: any scalar, as written ({@code cacheVersion: 2} and {@code "2"} are the same). */
  private Optional<String> scalar(YamlNode.Entry entry) throws DappfileSyntaxException {
    if (entry.value() instanceof YamlNode.Null) {
      return Optional.empty();
    }
    if (entry.value() instanceof YamlNode.Scalar scalar) {
      return Optional.of(scalar.text());
    }
    throw typeError(entry, "a string");
  }

  private DockerInstructions docker() throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get("docker");
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return DockerInstructions.NONE;
    }
    if (!(entry.value() instanceof YamlNode.Mapping docker)) {
      throw typeError(entry, "a mapping of directives (WORKDIR, ENV...)");
    }
    Map<String, YamlNode.Entry> directives = docker.entries();
    for (YamlNode.Entry directive : directives.values()) {
      if (DOCKER_NOT_YET.contains(directive.key())) {
        throw new DappfileSyntaxException(directive.line(), "'docker." + directive.key() + "' in " + subject
            + " is not supported yet");
      }
      if (!DOCKER_KEYS.contains(directive.key())) {
        throw new DappfileSyntaxException(directive.line(), "unknown key '" + directive.key() + "' in 'docker' of "
            + subject + " (known: " + String.join(", ", List.of("WORKDIR", "USER", "ENV", "LABEL", "EXPOSE", "VOLUME",
            "ENTRYPOINT", "CMD")) + ")");
      }
    }
    try {
      return new DockerInstructions(
          optionalString(directives.get("WORKDIR")),
          optionalString(directives.get("USER")),
          map(directives.get("ENV")),
          map(directives.get("LABEL")),
          strings(directives.get("EXPOSE"), true),
          strings(directives.get("VOLUME"), false),
          optionalList(directives.get("ENTRYPOINT")),
          optionalList(directives.get("CMD")));
    } catch (IllegalArgumentException e) {
      throw new DappfileSyntaxException(entry.line(), "'docker' of " + subject + ": " + e.getMessage());
    }
  }

  private Optional<String> optionalString(YamlNode.Entry entry) throws DappfileSyntaxException {
    return entry == null || entry.value() instanceof YamlNode.Null ? Optional.empty()
        : Optional.of(string(entry, "a string"));
  }

  private Optional<List<String>> optionalList(YamlNode.Entry entry) throws DappfileSyntaxException {
    return entry == null || entry.value() instanceof YamlNode.Null ? Optional.empty()
        : Optional.of(strings(entry, true));
  }

  private String string(YamlNode.Entry entry, String expected) throws DappfileSyntaxException {
    if (entry.value() instanceof YamlNode.Scalar scalar && scalar.string()) {
      return scalar.text();
    }
    throw typeError(entry, expected);
  }

  /** A list of scalars; numbers too when {@code scalarsAllowed} ({@code EXPOSE: [8080]}, {@code CMD: [sleep, 5]}). */
  private List<String> strings(YamlNode.Entry entry, boolean scalarsAllowed) throws DappfileSyntaxException {
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return List.of();
    }
    String expected = scalarsAllowed ? "a list of values" : "a list of strings";
    if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
      throw typeError(entry, expected);
    }
    List<String> values = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof YamlNode.Scalar scalar) || (!scalarsAllowed && !scalar.string())) {
        throw new DappfileSyntaxException(item.line(), "'" + entry.key() + "' in " + subject + " must be " + expected
            + ": an item is " + YamlNode.kind(item));
      }
      values.add(scalar.text());
    }
    return values;
  }

  /** {@code ENV}/{@code LABEL}: names to values; a number or boolean value is kept as written. */
  private Map<String, String> map(YamlNode.Entry entry) throws DappfileSyntaxException {
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return Map.of();
    }
    if (!(entry.value() instanceof YamlNode.Mapping mapping)) {
      throw typeError(entry, "a mapping of names to values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (YamlNode.Entry item : mapping.entries().values()) {
      if (item.value() instanceof YamlNode.Scalar scalar) {
        values.put(item.key(), scalar.text());
      } else if (item.value() instanceof YamlNode.Null) {
        values.put(item.key(), "");
      } else {
        throw new DappfileSyntaxException(item.line(), "'" + entry.key() + "." + item.key() + "' in " + subject
            + " must be a value, not " + YamlNode.kind(item.value()));
      }
    }
    return values;
  }

  private DappfileSyntaxException typeError(YamlNode.Entry entry, String expected) {
    return new DappfileSyntaxException(entry.value().line(), "'" + entry.key() + "' in " + subject + " must be "
        + expected + ", not " + YamlNode.kind(entry.value()));
  }
}
