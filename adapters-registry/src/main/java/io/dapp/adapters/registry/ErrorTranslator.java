package io.dapp.adapters.registry;

import io.dapp.domain.registry.BlobUnknownException;
import io.dapp.domain.registry.DeniedHints;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryDeniedException;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryUnauthorizedException;

/** Turns a registry's error answer into the port's exception, with the registry's own words in one line. */
final class ErrorTranslator {

  private ErrorTranslator() {}

  static RegistryException translate(Where where, int status, RegistryErrors errors, boolean insufficientScope,
      Authenticator authenticator, String dockerConfigHint) {
    String said = errors.summary("HTTP " + status);
    if (status == 401 && !insufficientScope) {
      if (authenticator.auth().isEmpty()) {
        return new RegistryUnauthorizedException(where.action(), where.host(), where.repository(), where.subject(),
            "authentication required, and " + dockerConfigHint + " (" + said + ")", said);
      }
      return new RegistryUnauthorizedException(where.action(), where.host(), where.repository(), where.subject(),
          "the registry rejected " + authenticator.username().map(u -> "the credentials of " + u)
              .orElse("the token in the docker config") + ": " + said, said);
    }
    if (status == 401 || status == 403) {
      return new RegistryDeniedException(where.action(), where.host(), where.repository(), where.subject(),
          "denied: " + said, DeniedHints.forAction(where.action(), authenticator.username()));
    }
    if (status == 404) {
      if (errors.has("BLOB_UNKNOWN") || where.action() == RegistryAction.PULL_BLOB
          || where.action() == RegistryAction.CHECK_BLOB) {
        return new BlobUnknownException(where.action(), where.host(), where.repository(), digestOf(where));
      }
      return new ManifestUnknownException(where.action(), where.host(), where.repository(), where.subject(),
          errors.has("NAME_UNKNOWN") ? "repository unknown (" + said + ")" : "manifest unknown (" + said + ")");
    }
    return new RegistryResponseException(where.action(), where.host(), where.repository(), where.subject(), status,
        "the registry answered " + status + ": " + said);
  }

  private static io.dapp.domain.model.Digest digestOf(Where where) {
    String subject = where.subject();
    try {
      return io.dapp.domain.model.Digest.parse(subject.startsWith("@") ? subject.substring(1) : subject);
    } catch (io.dapp.domain.model.InvalidReferenceException e) {
      throw new IllegalStateException("a blob endpoint's subject is @digest", e);
    }
  }
}
