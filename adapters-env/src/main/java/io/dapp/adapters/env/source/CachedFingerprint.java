package io.dapp.adapters.env.source;

import io.dapp.domain.model.Digest;
import java.util.Objects;

/** A file's SHA-256 as read once, valid while the file's stat is exactly {@code stat}. */
record CachedFingerprint(FileStat stat, Digest sha256) {

  CachedFingerprint {
    Objects.requireNonNull(stat, "'stat' must not be null");
    Objects.requireNonNull(sha256, "'sha256' must not be null");
    if (!sha256.algorithm().equals("sha256")) {
      throw new IllegalArgumentException("a cached fingerprint is a sha256, not " + sha256.algorithm());
    }
  }
}
