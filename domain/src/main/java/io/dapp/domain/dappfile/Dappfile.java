package io.dapp.domain.dappfile;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.model.ImageReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A project's dappfile: its dimgs and artifacts in file order; {@code source} names the file in messages.
 * Every import names an artifact of the file, and artifacts do not import from each other in a cycle.
 */
public record Dappfile(String source, List<Dimg> dimgs, List<Artifact> artifacts) {

  public Dappfile {
    Objects.requireNonNull(source, "'source' must not be null");
    dimgs = List.copyOf(dimgs);
    artifacts = List.copyOf(artifacts);
    Set<Optional<String>> names = new HashSet<>();
    for (Dimg dimg : dimgs) {
      if (!names.add(dimg.name())) {
        throw new IllegalArgumentException(dimg.describe() + " is defined more than once");
      }
    }
    Map<String, Artifact> byName = new LinkedHashMap<>();
    for (Artifact artifact : artifacts) {
      Artifact first = byName.putIfAbsent(artifact.name(), artifact);
      if (first != null) {
        throw new IllegalArgumentException(source + ":" + artifact.line() + ": artifact "
            + UserText.quote(artifact.name()) + " is defined more than once (first at line " + first.line() + ")");
      }
    }
    for (ImageSpec spec : specs(dimgs, artifacts)) {
      for (Import imported : spec.imports()) {
        if (!byName.containsKey(imported.artifact())) {
          throw new IllegalArgumentException(source + ":" + imported.line() + ": " + spec.describe() + " imports "
              + "from artifact " + UserText.quote(imported.artifact()) + ", which the dappfile does not define"
              + (byName.isEmpty() ? "" : " (artifacts: " + String.join(", ", byName.keySet()) + ")"));
        }
      }
    }
    for (Artifact artifact : artifacts) {
      checkNoCycle(source, byName, artifact, new ArrayList<>());
    }
  }

  private static List<ImageSpec> specs(List<Dimg> dimgs, List<Artifact> artifacts) {
    List<ImageSpec> all = new ArrayList<>(dimgs);
    all.addAll(artifacts);
    return all;
  }

  private static void checkNoCycle(String source, Map<String, Artifact> byName, Artifact artifact, List<String> path) {
    if (path.contains(artifact.name())) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(artifact.name()), path.size()));
      cycle.add(artifact.name());
      throw new IllegalArgumentException(source + ":" + artifact.line() + ": artifacts import from each other in a "
          + "cycle: " + String.join(" -> ", cycle));
    }
    path.add(artifact.name());
    for (Import imported : artifact.imports()) {
      checkNoCycle(source, byName, byName.get(imported.artifact()), path);
    }
    path.remove(path.size() - 1);
  }

  /** The artifact named {@code name}; the constructor checked that every import names one. */
  public Artifact artifact(String name) {
    return artifacts.stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no artifact " + UserText.quote(name)));
  }

  /**
   * The artifacts {@code specs} import from, directly or through other artifacts, each once, every one after
   * the artifacts it imports from: the order to build them in.
   */
  public List<Artifact> artifactsFor(List<? extends ImageSpec> specs) {
    LinkedHashSet<Artifact> ordered = new LinkedHashSet<>();
    specs.forEach(spec -> addImported(spec, ordered));
    return List.copyOf(ordered);
  }

  private void addImported(ImageSpec spec, LinkedHashSet<Artifact> ordered) {
    for (Import imported : spec.imports()) {
      Artifact artifact = artifact(imported.artifact());
      if (!ordered.contains(artifact)) {
        addImported(artifact, ordered);
        ordered.add(artifact);
      }
    }
  }

  /**
   * The named dimgs in the order asked for, or all dimgs in file order when none is named.
   *
   * @throws InvalidInputException when a name is not a dimg of this dappfile
   */
  public List<Dimg> select(List<String> names) throws InvalidInputException {
    if (names.isEmpty()) {
      return dimgs;
    }
    List<Dimg> selected = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      Dimg dimg = dimgs.stream().filter(d -> d.name().filter(name::equals).isPresent()).findFirst()
          .orElseThrow(() -> new InvalidInputException(source + ": there is no dimg '" + name + "' (dimgs: "
              + dimgs.stream().map(d -> d.name().orElse("~")).collect(Collectors.joining(", ")) + ")"));
      selected.add(dimg);
    }
    return selected;
  }

  /**
   * The base images the named dimgs (all when none is named) and the artifacts they import from are built
   * from, each once; {@code scratch} is not an image.
   */
  public List<ImageReference> baseImages(List<String> names) throws InvalidInputException {
    Set<ImageReference> images = new LinkedHashSet<>();
    List<Dimg> selected = select(names);
    selected.forEach(d -> d.from().image().ifPresent(images::add));
    artifactsFor(selected).forEach(a -> a.from().image().ifPresent(images::add));
    return List.copyOf(images);
  }
}
