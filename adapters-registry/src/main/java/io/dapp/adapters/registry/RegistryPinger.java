package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.registry.InsecureRegistryException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * {@code GET /v2/} without credentials: finds the scheme the registry speaks and the challenges it sets.
 * HTTPS always comes first; plain HTTP is tried only for loopback hosts and hosts listed as insecure.
 */
final class RegistryPinger {

  private final JerseyTransport transport;
  private final RegistryOptions options;
  private final RetryTools retryTools;

  RegistryPinger(JerseyTransport transport, RegistryOptions options, RetryTools retryTools) {
    this.transport = transport;
    this.options = options;
    this.retryTools = retryTools;
  }

  /** The result of a ping: where the API is and what it asks for. */
  record Ping(URI apiBase, List<Challenge> challenges) {}

  Ping ping(RegistryHost host) throws RegistryException {
    boolean plainAllowed = options.allowsPlainHttp(host);
    URI https = URI.create("https://" + host.apiAuthority());
    try {
      return pingAt(host, https);
    } catch (IOException e) {
      if (plainAllowed) {
        try {
          return pingAt(host, URI.create("http://" + host.apiAuthority()));
        } catch (IOException plain) {
          throw unreachable(host, plain);
        }
      }
      if (e instanceof SSLException) {
        throw new InsecureRegistryException(RegistryAction.PING, host, "TLS failed: " + Transience.describe(e), e);
      }
      throw unreachable(host, e);
    }
  }

  private Ping pingAt(RegistryHost host, URI base) throws IOException, RegistryException {
    RetryBudget budget = retryTools.budget(options.retryPolicy());
    HttpRequest request = new HttpRequest("GET", base.resolve("/v2/"), Map.of(), Optional.empty());
    while (true) {
      try (HttpResponse response = transport.send(request)) {
        int status = response.status();
        if (status == 200 || status == 401) {
          return new Ping(base, WwwAuthenticate.parse(response.headers("WWW-Authenticate")));
        }
        RegistryErrors errors = RegistryErrors.parse(response.readErrorBody());
        if (RetryBudget.TRANSIENT_STATUSES.contains(status)
            && budget.waitForNextAttempt(RetryBudget.parseRetryAfter(response.header("Retry-After"), retryTools.clock()))) {
          continue;
        }
        throw new RegistryResponseException(RegistryAction.PING, host, null, null, status,
            "it does not answer as a registry (API v2): " + status + " " + errors.summary(""));
      } catch (IOException e) {
        // A TLS failure on a host that may speak plain HTTP goes straight to the fallback.
        if (e instanceof SSLException || !Transience.isTransient(e) || !budget.waitForNextAttempt(Optional.empty())) {
          throw e;
        }
      }
    }
  }


  private static RegistryUnreachableException unreachable(RegistryHost host, IOException e) {
    return new RegistryUnreachableException(RegistryAction.PING, host, null, Transience.describe(e), e);
  }
}
