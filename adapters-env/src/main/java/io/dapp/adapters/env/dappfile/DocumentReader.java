package io.dapp.adapters.env.dappfile;

import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.Import;
import io.dapp.domain.dappfile.Mount;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
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

  private static final Set<String> DOCUMENT_KEYS = Set.of("dimg", "artifact", "from", "git", "shell", "docker",
      "import", "mount");
  private static final Set<String> NOT_YET = Set.of("fromCacheVersion", "fromDimg", "fromDimgArtifact", "asLayers",
      "doc");
  private static final Set<String> GIT_KEYS = Set.of("add", "to", "includePaths", "excludePaths", "owner", "group",
      "stageDependencies");
  private static final Set<String> GIT_NOT_YET = Set.of("url", "branch", "commit", "tag", "as");
  private static final Set<String> IMPORT_KEYS = Set.of("artifact", "add", "to", "includePaths", "excludePaths",
      "before", "after", "owner", "group");
  private static final Set<String> MOUNT_KEYS = Set.of("from", "to");
  private static final Set<String> DOCKER_KEYS = Set.of("WORKDIR", "USER", "ENV", "LABEL", "EXPOSE", "VOLUME",
      "ENTRYPOINT", "CMD");
  private static final Set<String> DOCKER_NOT_YET = Set.of("HEALTHCHECK", "STOPSIGNAL", "ONBUILD");

  /** A document read: a dimg, or an artifact with its name and base image. */
  sealed interface Read {
    record DimgRead(Dimg dimg, int line) implements Read {}

    record ArtifactRead(Artifact artifact) implements Read {}
  }

  private final YamlNode.Mapping document;
  private final String subject;
  private final boolean artifact;

  private DocumentReader(YamlNode.Mapping document, String subject, boolean artifact) {
    this.document = document;
    this.subject = subject;
    this.artifact = artifact;
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
    DocumentReader reader = new DocumentReader(document, subject, artifact);
    reader.checkKeys();
    BaseImage from = reader.from();
    List<GitMapping> git = reader.git();
    ShellStages shell = reader.shell();
    List<Import> imports = reader.imports();
    List<Mount> mounts = reader.mounts();
    try {
      if (artifact) {
        return new Read.ArtifactRead(new Artifact(name.get(), from, git, shell, imports, mounts, document.line()));
      }
      return new Read.DimgRead(new Dimg(name, from, git, shell, reader.docker(), imports, mounts), document.line());
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
      if (artifact && key.equals("docker")) {
        throw new DappfileSyntaxException(entry.line(), "'docker' in " + subject + ": an artifact is never run as "
            + "an image, so it has no docker directives");
      }
      if (NOT_YET.contains(key)) {
        throw new DappfileSyntaxException(entry.line(), "'" + key + "' in " + subject + " is not supported yet");
      }
      if (!DOCUMENT_KEYS.contains(key)) {
        throw new DappfileSyntaxException(entry.line(), "unknown key '" + key + "' in " + subject
            + " (known: dimg, artifact, from, git, shell, import, mount, docker)");
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
            + subject + " (known: add, to, includePaths, excludePaths, owner, group, stageDependencies)");
      }
    }
    YamlNode.Entry add = required(mapping, "add");
    YamlNode.Entry to = required(mapping, "to");
    try {
      return new GitMapping(string(add, "a path"), string(to, "a path"),
          globs(mapping.entries().get("includePaths")), globs(mapping.entries().get("excludePaths")),
          optionalId(mapping.entries().get("owner")), optionalId(mapping.entries().get("group")),
          stageDependencies(mapping.entries().get("stageDependencies")));
    } catch (IllegalArgumentException e) {
      throw new DappfileSyntaxException(mapping.line(), "a 'git' entry of " + subject + ": " + e.getMessage());
    }
  }

  private YamlNode.Entry required(YamlNode.Mapping mapping, String key) throws DappfileSyntaxException {
    return required(mapping, key, "git");
  }

  private YamlNode.Entry required(YamlNode.Mapping mapping, String key, String what) throws DappfileSyntaxException {
    YamlNode.Entry entry = mapping.entries().get(key);
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      throw new DappfileSyntaxException(mapping.line(), "a '" + what + "' entry of " + subject + " has no '" + key
          + "'");
    }
    return entry;
  }

  /** Globs: one string or a list of strings ({@code excludePaths: spec} as the original allows). */
  private List<String> globs(YamlNode.Entry entry) throws DappfileSyntaxException {
    if (entry != null && entry.value() instanceof YamlNode.Scalar scalar && scalar.string()) {
      return List.of(scalar.text());
    }
    return strings(entry, false);
  }

  private Map<UserStage, List<String>> stageDependencies(YamlNode.Entry entry) throws DappfileSyntaxException {
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return Map.of();
    }
    if (!(entry.value() instanceof YamlNode.Mapping mapping)) {
      throw typeError(entry, "a mapping of stages to globs (install: [package.json])");
    }
    Map<UserStage, List<String>> dependencies = new EnumMap<>(UserStage.class);
    for (YamlNode.Entry item : mapping.entries().values()) {
      Optional<UserStage> stage = java.util.Arrays.stream(UserStage.values())
          .filter(s -> s.key().equals(item.key()) && s != UserStage.BEFORE_INSTALL).findFirst();
      if (stage.isEmpty() || (stage.get() == UserStage.BUILD_ARTIFACT && !artifact)) {
        throw new DappfileSyntaxException(item.line(), "unknown key '" + item.key() + "' in 'stageDependencies' of "
            + subject + " (known: install, beforeSetup, setup" + (artifact ? ", buildArtifact" : "") + "; the git "
            + "files come after beforeInstall)");
      }
      dependencies.put(stage.get(), globs(item));
    }
    return dependencies;
  }

  private List<Import> imports() throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get("import");
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return List.of();
    }
    if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
      throw typeError(entry, "a list of mappings (- artifact: assets)");
    }
    List<Import> imports = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof YamlNode.Mapping mapping)) {
        throw new DappfileSyntaxException(item.line(), "an 'import' entry in " + subject + " must be a mapping, not "
            + YamlNode.kind(item));
      }
      imports.add(importEntry(mapping));
    }
    return imports;
  }

  private Import importEntry(YamlNode.Mapping mapping) throws DappfileSyntaxException {
    for (YamlNode.Entry entry : mapping.entries().values()) {
      if (!IMPORT_KEYS.contains(entry.key())) {
        throw new DappfileSyntaxException(entry.line(), "unknown key '" + entry.key() + "' in an 'import' entry of "
            + subject + " (known: artifact, add, to, includePaths, excludePaths, before, after, owner, group)");
      }
    }
    String artifactName = string(required(mapping, "artifact", "import"), "an artifact's name");
    String add = string(required(mapping, "add", "import"), "a path");
    YamlNode.Entry to = mapping.entries().get("to");
    YamlNode.Entry before = mapping.entries().get("before");
    YamlNode.Entry after = mapping.entries().get("after");
    if ((before == null) == (after == null)) {
      throw new DappfileSyntaxException(mapping.line(), "an 'import' entry of " + subject + " needs exactly one of "
          + "'before' and 'after' (install or setup)");
    }
    YamlNode.Entry where = before != null ? before : after;
    String stage = string(where, "install or setup");
    Import.Position position = Import.Position.of(where.key(), stage).orElseThrow(() ->
        new DappfileSyntaxException(where.value().line(), "'" + where.key() + "' in an 'import' entry of " + subject
            + " must be install or setup, not " + UserText.quote(stage)));
    try {
      return new Import(artifactName, add, to == null || to.value() instanceof YamlNode.Null ? add : string(to, "a path"),
          globs(mapping.entries().get("includePaths")), globs(mapping.entries().get("excludePaths")), position,
          optionalId(mapping.entries().get("owner")), optionalId(mapping.entries().get("group")), mapping.line());
    } catch (IllegalArgumentException e) {
      throw new DappfileSyntaxException(mapping.line(), "an 'import' entry of " + subject + ": " + e.getMessage());
    }
  }

  private List<Mount> mounts() throws DappfileSyntaxException {
    YamlNode.Entry entry = document.entries().get("mount");
    if (entry == null || entry.value() instanceof YamlNode.Null) {
      return List.of();
    }
    if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
      throw typeError(entry, "a list of mappings (- from: build_dir, to: /root/.npm)");
    }
    List<Mount> mounts = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof YamlNode.Mapping mapping)) {
        throw new DappfileSyntaxException(item.line(), "a 'mount' entry in " + subject + " must be a mapping, not "
            + YamlNode.kind(item));
      }
      for (YamlNode.Entry key : mapping.entries().values()) {
        if (key.key().equals("fromPath")) {
          throw new DappfileSyntaxException(key.line(), "'fromPath' in a 'mount' entry of " + subject
              + " is not supported yet (use from: build_dir or tmp_dir)");
        }
        if (!MOUNT_KEYS.contains(key.key())) {
          throw new DappfileSyntaxException(key.line(), "unknown key '" + key.key() + "' in a 'mount' entry of "
              + subject + " (known: from, to)");
        }
      }
      YamlNode.Entry from = required(mapping, "from", "mount");
      String kind = string(from, "build_dir or tmp_dir");
      Mount.Kind mountKind = java.util.Arrays.stream(Mount.Kind.values()).filter(k -> k.key().equals(kind))
          .findFirst().orElseThrow(() -> new DappfileSyntaxException(from.value().line(), "'from' in a 'mount' entry "
              + "of " + subject + " must be build_dir or tmp_dir, not " + UserText.quote(kind)));
      String to = string(required(mapping, "to", "mount"), "a path");
      Mount mount;
      try {
        mount = new Mount(mountKind, to);
      } catch (IllegalArgumentException e) {
        throw new DappfileSyntaxException(mapping.line(), "a 'mount' entry of " + subject + ": " + e.getMessage());
      }
      Integer first = seen.putIfAbsent(mount.targetPath(), mapping.line());
      if (first != null) {
        throw new DappfileSyntaxException(mapping.line(), "'mount' of " + subject + " mounts " + mount.to()
            + " twice (first at line " + first + ")");
      }
      mounts.add(mount);
    }
    return mounts;
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
    if (!artifact) {
      for (YamlNode.Entry item : shell.entries().values()) {
        if (item.key().equals(UserStage.BUILD_ARTIFACT.key())
            || item.key().equals(UserStage.BUILD_ARTIFACT.cacheVersionKey())) {
          throw new DappfileSyntaxException(item.line(), "'shell." + item.key() + "' in " + subject
              + " is for artifacts only, not dimgs");
        }
      }
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
      } else {
        throw new DappfileSyntaxException(item.line(), "unknown key '" + key + "' in 'shell' of " + subject
            + " (known: beforeInstall, install, beforeSetup, setup" + (artifact ? ", buildArtifact" : "")
            + ", cacheVersion and <stage>CacheVersion)");
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
