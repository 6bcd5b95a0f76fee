package io.dapp.domain.dappfile;

import java.util.Objects;

/**
 * An {@code artifact} document. Artifacts are read (their base images count for the login procedure) but
 * not built yet; {@code line} lets the build point at the one it refuses.
 */
public record Artifact(String name, BaseImage from, int line) {

  public Artifact {
    Objects.requireNonNull(name, "'name' must not be null");
    Objects.requireNonNull(from, "'from' must not be null");
  }
}
