package io.dapp.adapters.registry;

import io.dapp.domain.model.MediaType;

/** Lenient reading of media types a registry sends. */
final class MediaTypes {

  private MediaTypes() {}

  static MediaType parseOrNull(String header) {
    try {
      return MediaType.parse(header);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
