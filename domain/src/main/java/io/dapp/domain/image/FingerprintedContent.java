package io.dapp.domain.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/** Bytes and the identity a project source knows them by; opened only when the bytes themselves are needed. */
record FingerprintedContent(ContentFingerprint known, Content bytes) implements Content {

  FingerprintedContent {
    Objects.requireNonNull(known, "'known' must not be null");
    Objects.requireNonNull(bytes, "'bytes' must not be null");
  }

  @Override
  public InputStream open() throws IOException {
    return bytes.open();
  }

  @Override
  public Optional<ContentFingerprint> fingerprint() {
    return Optional.of(known);
  }
}
