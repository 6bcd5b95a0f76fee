package io.dapp.adapters.env.dockerconfig;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code auths} entry of a config.json, as written, not yet decoded. Decoding happens only for the
 * entry a command needs, so a broken entry for another registry does not stop it.
 */
final class AuthEntry {

  private final String key;
  private final String auth;
  private final String username;
  private final String password;
  private final String identityToken;
  private final String registryToken;

  /** Each value may be null or empty when the entry does not hold it. */
  AuthEntry(String key, String auth, String username, String password, String identityToken, String registryToken) {
    this.key = Objects.requireNonNull(key, "'key' must not be null");
    this.auth = auth;
    this.username = username;
    this.password = password;
    this.identityToken = identityToken;
    this.registryToken = registryToken;
  }

  String key() {
    return key;
  }

  /**
   * What the entry grants, in the order a registry client prefers: a registry token, an identity token,
   * then a user and password ({@code auth} wins over {@code username}/{@code password}, as in docker).
   * An entry with none of them (docker leaves {@code {}} behind a credential store) grants nothing.
   *
   * @throws InvalidInputException naming the file and this entry, never the value, when it is malformed
   */
  Optional<RegistryAuth> toAuth(String file) throws InvalidInputException {
    String user = username;
    String pass = password;
    if (present(auth)) {
      String decoded = decodeAuth(file);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw invalid(file, "'auth' does not hold user:password (no ':')");
      }
      user = decoded.substring(0, colon);
      pass = decoded.substring(colon + 1);
    }
    if (present(registryToken)) {
      return Optional.of(new RegistryAuth.RegistryToken(Secret.of(registryToken)));
    }
    if (present(identityToken)) {
      // docker writes base64("user:") next to an identity token: the empty password is expected here.
      return Optional.of(new RegistryAuth.IdentityToken(Secret.of(identityToken)));
    }
    if (!present(user) && !present(pass)) {
      return Optional.empty();
    }
    if (!present(user)) {
      throw invalid(file, "has a password but no user name");
    }
    if (!present(pass)) {
      throw invalid(file, "has a user name but no password");
    }
    if (user.contains(":")) {
      throw invalid(file, "'username' must not contain ':'");
    }
    return Optional.of(new RegistryAuth.Basic(new Credentials(user, Secret.of(pass))));
  }

  private String decodeAuth(String file) throws InvalidInputException {
    try {
      // The basic decoder takes the value with or without its '=' padding, as docker's files have both.
      return new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(file, "'auth' is not valid base64");
    }
  }

  private InvalidInputException invalid(String file, String problem) {
    return new InvalidInputException(file + ": auths entry '" + UserText.escape(key) + "': " + problem);
  }

  private static boolean present(String value) {
    return value != null && !value.isEmpty();
  }

  @Override
  public String toString() {
    return "AuthEntry[" + key + "]";
  }
}
