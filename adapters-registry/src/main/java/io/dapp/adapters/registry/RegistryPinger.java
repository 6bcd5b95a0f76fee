package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.registry.InsecureRegistryException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryTlsException;
import io.dapp.domain.registry.RegistryUnreachableException;
import io.dapp.domain.registry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * {@code GET /v2/} without credentials: finds the scheme the registry speaks and the challenges it sets.
 * Plain HTTP is tried only for loopback hosts and hosts listed as insecure; every other host gets HTTPS only.
 */
final class RegistryPinger {

  private final JerseyTransport transport;
  private final RegistryOptions options;
  private final RetryTools retryTools;
  private final PingCache cache;

  RegistryPinger(JerseyTransport transport, RegistryOptions options, RetryTools retryTools, PingCache cache) {
    this.transport = transport;
    this.options = options;
    this.retryTools = retryTools;
    this.cache = cache;
  }

  /** The result of a ping: where the API is and what it asks for. */
  record Ping(URI apiBase, List<Challenge> challenges) {}

  /** The ping this factory's clients already made to {@code host}, else a new one. */
  Ping ping(RegistryHost host) throws RegistryException {
    List<String> schemes = transport.plainHttpPolicy().pingSchemes(host);
    Optional<Ping> known = cache.find(host, schemes);
    if (known.isPresent()) {
      return known.get();
    }
    Ping ping = pingWith(host, schemes);
    cache.remember(host, schemes, ping);
    return ping;
  }

  private Ping pingWith(RegistryHost host, List<String> schemes) throws RegistryException {
    if (schemes.size() == 1) {
      URI base = URI.create(schemes.get(0) + "://" + host.apiAuthority());
      try {
        return pingAt(host, base, true);
      } catch (IOException e) {
        throw failed(host, base, e);
      }
    }
    // Only the last try is retried.
    RegistryException refused = null;
    IOException failed = null;
    URI failedAt = null;
    for (int i = 0; i < schemes.size(); i++) {
      boolean last = i == schemes.size() - 1;
      URI base = URI.create(schemes.get(i) + "://" + host.apiAuthority());
      try {
        return pingAt(host, base, last);
      } catch (RegistryResponseException e) {
        refused = e; // an HTTPS server answering plain HTTP with 400, say: try the other scheme
      } catch (IOException e) {
        // A TLS failure the user can fix says more than a plain-HTTP attempt that was refused.
        if (failed == null || transport.failure(base, e).tls()) {
          failed = e;
          failedAt = base;
        }
      }
    }
    if (failed != null) {
      throw failed(host, failedAt, failed);
    }
    throw refused;
  }

  /**
   * A TLS failure files would fix says which file and where; another TLS failure (a plain-HTTP server spoken
   * to with TLS) points at --insecure-registry; anything else is unreachable.
   */
  private RegistryException failed(RegistryHost host, URI base, IOException e) {
    JerseyTransport.Failure failure = transport.failure(base, e);
    if (failure.tls()) {
      return new RegistryTlsException(RegistryAction.PING, host, null, failure.problem(), e);
    }
    if (e instanceof SSLException) {
      return new InsecureRegistryException(RegistryAction.PING, host, "TLS failed: " + failure.problem(), e);
    }
    return new RegistryUnreachableException(RegistryAction.PING, host, null, failure.problem(), e);
  }

  private Ping pingAt(RegistryHost host, URI base, boolean retry) throws IOException, RegistryException {
    RetryBudget budget = retryTools.budget(retry ? options.retryPolicy() : RetryPolicy.NONE);
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
        if (!transport.retryable(base, e) || !budget.waitForNextAttempt(Optional.empty())) {
          throw e;
        }
      }
    }
  }

}
