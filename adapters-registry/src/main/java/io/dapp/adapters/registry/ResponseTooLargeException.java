package io.dapp.adapters.registry;

import java.io.IOException;

/** A response body larger than dapp accepts for its kind; reading stopped at the cap. */
final class ResponseTooLargeException extends IOException {

  ResponseTooLargeException(long cap) {
    super("the response body is larger than " + cap + " bytes");
  }
}
