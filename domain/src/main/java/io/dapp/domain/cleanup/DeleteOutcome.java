package io.dapp.domain.cleanup;

import java.util.Objects;
import java.util.Optional;

/** What happened to one tag the plan deleted. */
public record DeleteOutcome(Status status, Optional<String> problem) {

  /**
   * {@code KEPT}: not deleted after all, because a tag the plan does not delete was pushed onto the same
   * manifest while the cleanup ran.
   */
  public enum Status { DELETED, ALREADY_GONE, KEPT, FAILED }

  public static final DeleteOutcome DELETED = new DeleteOutcome(Status.DELETED, Optional.empty());
  public static final DeleteOutcome ALREADY_GONE = new DeleteOutcome(Status.ALREADY_GONE, Optional.empty());

  public DeleteOutcome {
    Objects.requireNonNull(status, "'status' must not be null");
    Objects.requireNonNull(problem, "'problem' must not be null");
  }

  public static DeleteOutcome kept(String reason) {
    return new DeleteOutcome(Status.KEPT, Optional.of(reason));
  }

  public static DeleteOutcome failed(String problem) {
    return new DeleteOutcome(Status.FAILED, Optional.of(problem));
  }

  public boolean failed() {
    return status == Status.FAILED;
  }
}
