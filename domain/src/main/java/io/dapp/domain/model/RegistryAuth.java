package io.dapp.domain.model;

import java.util.Objects;

/** What a docker config holds for one registry. None of the variants prints its secret. */
public sealed interface RegistryAuth {

  /** A user name and password, sent as Basic or exchanged for a bearer token. */
  record Basic(Credentials credentials) implements RegistryAuth {
    public Basic {
      Objects.requireNonNull(credentials, "'credentials' must not be null");
    }
  }

  /** An OAuth2 refresh token ({@code identitytoken}, or a helper's user {@code <token>}). */
  record IdentityToken(Secret token) implements RegistryAuth {
    public IdentityToken {
      Objects.requireNonNull(token, "'token' must not be null");
    }
  }

  /** A bearer token to send as it is ({@code registrytoken}). */
  record RegistryToken(Secret token) implements RegistryAuth {
    public RegistryToken {
      Objects.requireNonNull(token, "'token' must not be null");
    }
  }
}
