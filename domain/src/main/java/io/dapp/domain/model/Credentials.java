package io.dapp.domain.model;

import java.util.Objects;

/** A user name and password for a registry; the record's toString shows the user only. */
public record Credentials(String username, Secret password) {

  public Credentials {
    Objects.requireNonNull(username, "'username' must not be null");
    Objects.requireNonNull(password, "'password' must not be null");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("'username' must not be empty");
    }
    if (username.contains(":")) {
      // docker's auth field is base64(user:password): a colon in the user name cannot be told apart.
      throw new IllegalArgumentException("a registry user name must not contain ':'");
    }
  }
}
