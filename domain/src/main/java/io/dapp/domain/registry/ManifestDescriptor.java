package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.MediaType;
import java.util.Objects;

/** What a registry says about a manifest without sending it: its type, digest and size. */
public record ManifestDescriptor(MediaType mediaType, Digest digest, long size) {

  public ManifestDescriptor {
    Objects.requireNonNull(mediaType, "'mediaType' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
    if (size < 0) {
      throw new IllegalArgumentException("'size' must not be negative");
    }
  }
}
