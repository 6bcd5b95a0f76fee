package io.dapp.adapters.registry;

import io.dapp.domain.model.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The value of a Basic Authorization header. The only place the adapter encodes a password. */
final class BasicAuthorization {

  private BasicAuthorization() {}

  static String of(Credentials credentials) {
    String pair = credentials.username() + ":" + credentials.password().reveal();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
