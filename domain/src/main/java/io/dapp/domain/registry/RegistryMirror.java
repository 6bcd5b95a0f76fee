package io.dapp.domain.registry;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.model.RegistryHost;
import java.util.Locale;
import java.util.Objects;

/**
 * A mirror of Docker Hub, as docker's {@code registry-mirrors} names one: {@code https://HOST[:PORT]} or
 * {@code http://HOST[:PORT]}, the root of a registry that serves Docker Hub's repositories under their own
 * names ({@code library/alpine}). A mirror given with {@code http://} is spoken to in plain HTTP, as docker does;
 * one without a scheme is HTTPS. A path, query or credentials in the URL are refused: credentials for a mirror
 * come from the login procedure, as for any registry.
 *
 * @param plainHttp whether the URL said {@code http://}
 */
public record RegistryMirror(RegistryHost host, boolean plainHttp) {

  public RegistryMirror {
    Objects.requireNonNull(host, "'host' must not be null");
    if (host.isDockerHub()) {
      throw new IllegalArgumentException("Docker Hub is not a mirror of itself");
    }
  }

  /**
   * @param origin how the user gave it, for messages: {@code --registry-mirror} or {@code $DAPP_REGISTRY_MIRROR}
   * @throws InvalidInputException naming the origin; the value is quoted only when it holds no credentials
   */
  public static RegistryMirror parse(String origin, String value) throws InvalidInputException {
    Objects.requireNonNull(origin, "'origin' must not be null");
    Objects.requireNonNull(value, "'value' must not be null");
    String text = value.trim();
    boolean plainHttp = false;
    String rest = text;
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      String name = text.substring(0, scheme).toLowerCase(Locale.ROOT);
      if (!name.equals("http") && !name.equals("https")) {
        throw new InvalidInputException(origin + " " + UserText.quote(text) + ": a mirror is an http:// or https:// URL");
      }
      plainHttp = name.equals("http");
      rest = text.substring(scheme + 3);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    if (authority.contains("@")) {
      throw new InvalidInputException(origin + ": a mirror URL must not hold credentials; they come from the "
          + "login procedure (the docker config, or --registry-username) as for any registry");
    }
    if (!path.isEmpty() && !path.equals("/") || authority.contains("?") || authority.contains("#")) {
      throw new InvalidInputException(origin + " " + UserText.quote(text)
          + ": a mirror is the root of a registry, http[s]://HOST[:PORT], without a path or query");
    }
    RegistryHost host;
    try {
      host = RegistryHost.parse(authority);
    } catch (InvalidReferenceException e) {
      throw new InvalidInputException(origin + " " + UserText.quote(text) + ": not a registry address", e);
    }
    if (host.isDockerHub()) {
      throw new InvalidInputException(origin + " " + UserText.quote(text) + ": Docker Hub is not a mirror of itself");
    }
    return new RegistryMirror(host, plainHttp);
  }

  /** As the user would write it: {@code https://mirror.example.com}. */
  @Override
  public String toString() {
    return (plainHttp ? "http://" : "https://") + host;
  }
}
