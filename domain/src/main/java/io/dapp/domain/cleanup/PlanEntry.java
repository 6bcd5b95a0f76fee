package io.dapp.domain.cleanup;

import java.util.Objects;

/** What the plan does with one tag, and why. */
public record PlanEntry(RegistryImage image, Decision decision, String reason) {

  public PlanEntry {
    Objects.requireNonNull(image, "'image' must not be null");
    Objects.requireNonNull(decision, "'decision' must not be null");
    Objects.requireNonNull(reason, "'reason' must not be null");
  }

  static PlanEntry keep(RegistryImage image, String reason) {
    return new PlanEntry(image, Decision.KEEP, reason);
  }

  static PlanEntry delete(RegistryImage image, String reason) {
    return new PlanEntry(image, Decision.DELETE, reason);
  }

  public boolean deletes() {
    return decision == Decision.DELETE;
  }

  /** The scheme column: the tag scheme of a dimg image, {@code stage}, or {@code -}. */
  public String schemeColumn() {
    return switch (image.kind()) {
      case DIMG -> image.schemeLabel().orElse("?");
      case STAGE -> "stage";
      case OTHER -> "-";
    };
  }
}
