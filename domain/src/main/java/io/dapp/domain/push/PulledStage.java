package io.dapp.domain.push;

import io.dapp.domain.build.StageSignature;
import java.util.Objects;

/**
 * A stage {@code dimg stages pull} brought into the local store, tagged {@code dimgstage-<signature>}.
 *
 * @param subject whose stage: {@code dimg 'web'}, {@code artifact 'assets'}
 * @param description which stage: {@code install}, {@code git patch}...
 */
public record PulledStage(String subject, String description, StageSignature signature) {

  public PulledStage {
    Objects.requireNonNull(subject, "'subject' must not be null");
    Objects.requireNonNull(description, "'description' must not be null");
    Objects.requireNonNull(signature, "'signature' must not be null");
  }
}
