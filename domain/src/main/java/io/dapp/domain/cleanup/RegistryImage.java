package io.dapp.domain.cleanup;

import io.dapp.domain.image.DappLabels;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.tag.TagScheme;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One tag in the registry as cleanup read it: where it is, the manifest it points to, its config's facts. */
public record RegistryImage(Repository repository, String tag, Digest digest, Optional<Instant> created,
    Map<String, String> labels) {

  public RegistryImage {
    Objects.requireNonNull(repository, "'repository' must not be null");
    Objects.requireNonNull(tag, "'tag' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
    Objects.requireNonNull(created, "'created' must not be null");
    labels = Map.copyOf(labels);
  }

  public ImageKind kind() {
    Optional<String> dimg = label(DappLabels.DIMG);
    if (dimg.filter("true"::equals).isPresent()) {
      return ImageKind.DIMG;
    }
    if (dimg.filter("false"::equals).isPresent() && tag.startsWith(DappLabels.STAGE_TAG_PREFIX)) {
      return ImageKind.STAGE;
    }
    return ImageKind.OTHER;
  }

  /** A label's value; an empty value counts as absent. */
  public Optional<String> label(String name) {
    return Optional.ofNullable(labels.get(name)).filter(value -> !value.isEmpty());
  }

  /** The raw {@code dapp-tag-scheme} label. */
  public Optional<String> schemeLabel() {
    return label(DappLabels.TAG_SCHEME);
  }

  public Optional<TagScheme> scheme() {
    return schemeLabel().flatMap(label -> Arrays.stream(TagScheme.values())
        .filter(scheme -> scheme.label().equals(label)).findFirst());
  }

  /** The dimg's name; empty for the nameless dimg. */
  public Optional<String> dimgName() {
    return label(DappLabels.DIMG_NAME);
  }

  public Optional<String> stageSignature() {
    return label(DappLabels.STAGE_SIGNATURE);
  }

  public Optional<String> parentStageSignature() {
    return label(DappLabels.PARENT_STAGE_SIGNATURE);
  }

  /** The last stages of the artifacts this stage imports from; empty for a stage that imports nothing. */
  public java.util.List<String> importedStageSignatures() {
    return label(DappLabels.IMPORTED_STAGE_SIGNATURES)
        .map(value -> java.util.Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList())
        .orElse(java.util.List.of());
  }

  public ImageReference reference() {
    return repository.withTag(tag);
  }

  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}
