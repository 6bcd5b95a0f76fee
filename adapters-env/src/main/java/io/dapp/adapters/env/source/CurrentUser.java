package io.dapp.adapters.env.source;

import java.util.OptionalLong;

/** The uid this process runs as: a cache file is trusted only when this user alone could have written it. */
final class CurrentUser {

  private CurrentUser() {}

  /** Empty where the runtime cannot tell (not a unix system, or a runtime without jdk.security.auth). */
  static OptionalLong uid() {
    try {
      return OptionalLong.of(new com.sun.security.auth.module.UnixSystem().getUid());
    } catch (LinkageError | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
