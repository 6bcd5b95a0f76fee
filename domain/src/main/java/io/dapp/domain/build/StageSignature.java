package io.dapp.domain.build;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies a stage: the sha256 of its inputs and of its parent's signature. The same signature means
 * the same image, so a stage whose signature is in the local store is not built again.
 */
public record StageSignature(Digest digest) {

  /** Bump when what a stage produces changes for the same inputs: every cached stage is then rebuilt. */
  static final String SCHEME = "dapp-stage/1";

  private static final String STAGE_TAG_PREFIX = "dimgstage-";

  public StageSignature {
    Objects.requireNonNull(digest, "'digest' must not be null");
  }

  /** The stage's reference name in the local store (and, pushed, its tag): {@code dimgstage-<hex>}. */
  public String stageTag() {
    return STAGE_TAG_PREFIX + digest.hex();
  }

  /** Short, for progress lines. */
  public String shortForm() {
    return digest.hex().substring(0, 12);
  }

  @Override
  public String toString() {
    return digest.hex();
  }

  /** Starts the inputs of a stage of kind {@code kind} whose parent is {@code parent} (none for the first). */
  static Builder of(String kind, Optional<StageSignature> parent) {
    return new Builder().field("scheme", SCHEME).field("parent", parent.map(StageSignature::toString).orElse("-"))
        .field("stage", kind);
  }

  /** Each input is written as {@code name "value"} on its own line, quoted, so no two inputs can blur. */
  static final class Builder {

    private final StringBuilder text = new StringBuilder();

    Builder field(String name, String value) {
      text.append(name).append(' ').append('"')
          .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
          .append('"').append('\n');
      return this;
    }

    Builder field(String name, Optional<String> value) {
      return field(name, value.orElse("-"));
    }

    Builder field(String name, List<String> values) {
      text.append(name).append('[').append(values.size()).append("]\n");
      values.forEach(v -> field("-", v));
      return this;
    }

    StageSignature build() {
      return new StageSignature(Digests.sha256(text.toString()));
    }
  }
}
