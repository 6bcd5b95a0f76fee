package io.dapp.domain.dappfile;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A project's dappfile: its dimgs and artifacts in file order; {@code source} names the file in messages. */
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
   * The base images the named dimgs (all when none is named) are built from, each once; {@code scratch} is
   * not an image. Artifacts count only for a build of every dimg, since imports are not read yet.
   */
  public List<ImageReference> baseImages(List<String> names) throws InvalidInputException {
    Set<ImageReference> images = new LinkedHashSet<>();
    select(names).forEach(d -> d.from().image().ifPresent(images::add));
    if (names.isEmpty()) {
      artifacts.forEach(a -> a.from().image().ifPresent(images::add));
    }
    return List.copyOf(images);
  }
}
