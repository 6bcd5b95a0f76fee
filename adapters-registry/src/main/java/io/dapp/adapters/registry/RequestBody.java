package io.dapp.adapters.registry;

import io.dapp.domain.registry.BlobSource;
import java.io.ByteArrayInputStream;
import java.util.Objects;

/**
 * What a request sends. A body is opened anew for every attempt, so a request whose body can be opened
 * again can also be sent again (after a 401 with a new token, or a dropped connection).
 *
 * @param length the size in bytes; small known sizes are sent with {@code Content-Length}, others chunked
 */
record RequestBody(String contentType, long length, BlobSource.Opener opener) {

  RequestBody {
    Objects.requireNonNull(contentType, "'contentType' must not be null");
    Objects.requireNonNull(opener, "'opener' must not be null");
  }

  static RequestBody of(String contentType, byte[] content) {
    byte[] copy = content.clone();
    return new RequestBody(contentType, copy.length, () -> new ByteArrayInputStream(copy));
  }

  @Override
  public String toString() {
    return "RequestBody[" + contentType + ", " + length + " bytes]";
  }
}
