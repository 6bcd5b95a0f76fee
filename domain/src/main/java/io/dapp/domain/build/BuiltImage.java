package io.dapp.domain.build;

import io.dapp.domain.model.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dimg or an artifact as a build left it in the local store.
 *
 * @param subject how dapp names it in its output: {@code dimg 'web'}, {@code artifact 'assets'}
 * @param localName the name the store tags a dimg's image with; none for an artifact, known by its stages only
 * @param digest the digest of its image manifest (its last stage's, with a dimg's labels)
 * @param stages first to last
 */
public record BuiltImage(String subject, Optional<String> localName, Digest digest, List<BuiltStage> stages) {

  public BuiltImage {
    Objects.requireNonNull(subject, "'subject' must not be null");
    Objects.requireNonNull(localName, "'localName' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
    stages = List.copyOf(stages);
  }

  public long builtStages() {
    return stages.stream().filter(BuiltStage::built).count();
  }

  public long reusedStages() {
    return stages.size() - builtStages();
  }
}
