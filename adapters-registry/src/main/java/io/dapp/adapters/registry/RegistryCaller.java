package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.registry.InsecureRegistryException;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryTlsException;
import io.dapp.domain.registry.RegistryUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Calls endpoints of one registry: authenticates, re-authenticates on a 401 with a new challenge (a
 * token that expired during a long push), widens the scopes once when told they are insufficient,
 * retries transient failures within the budget, follows redirects of GET and HEAD itself (dropping
 * Authorization when they leave the registry), and translates what is left into the port's exceptions.
 */
final class RegistryCaller {

  /** Re-authentications within one call: a second new token that is refused will not be followed by a good one. */
  private static final int MAX_REAUTHENTICATIONS = 2;
  private static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final RegistryHost host;
  private final RegistryOptions options;
  private final JerseyTransport transport;
  private final Authenticator authenticator;
  private final RegistryPinger pinger;
  private final RetryTools retryTools;
  private final String dockerConfigHint;
  private URI apiBase;

  RegistryCaller(RegistryHost host, RegistryOptions options, JerseyTransport transport, Authenticator authenticator,
      RetryTools retryTools, PingCache pings, String dockerConfigHint) {
    this.host = host;
    this.options = options;
    this.transport = transport;
    this.authenticator = authenticator;
    this.pinger = new RegistryPinger(transport, options, retryTools, pings);
    this.retryTools = retryTools;
    this.dockerConfigHint = dockerConfigHint;
  }

  RegistryHost host() {
    return host;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  /** Where the registry's API is; the first call pings it, unless another client of the factory did. */
  synchronized URI apiBase() throws RegistryException {
    if (apiBase == null) {
      RegistryPinger.Ping ping = pinger.ping(host);
      authenticator.learn(ping.challenges());
      apiBase = ping.apiBase();
    }
    return apiBase;
  }

  <T> T call(RegistryEndpoint<T> endpoint) throws RegistryException {
    Where where = Where.of(host, endpoint);
    URI base = apiBase();
    SortedSet<String> scopes = endpoint.scopes();
    boolean widened = false;
    int reauthentications = 0;
    RetryBudget budget = retryTools.budget(options.retryPolicy());
    // Where the call's last request went (a redirect's target, say): what a failure to connect is about.
    URI[] sentTo = {base};
    while (true) {
      try (HttpResponse response = send(endpoint, base, scopes, where, sentTo)) {
        int status = response.status();
        if (response.isSuccess()) {
          return endpoint.handleResponse(response);
        }
        RegistryErrors errors = RegistryErrors.parse(response.readErrorBody());
        boolean insufficientScope = false;
        if (status == 401) {
          List<Challenge> challenges = WwwAuthenticate.parse(response.headers("WWW-Authenticate"));
          insufficientScope = challenges.stream().anyMatch(Challenge::isInsufficientScope);
          if (insufficientScope && !widened && endpoint.widerScopes().isPresent()) {
            scopes = endpoint.widerScopes().get();
            widened = true;
            continue;
          }
          if (!insufficientScope && reauthentications < MAX_REAUTHENTICATIONS
              && authenticator.reauthenticate(challenges, scopes)) {
            reauthentications++;
            continue;
          }
        }
        if (RetryBudget.TRANSIENT_STATUSES.contains(status) && endpoint.retryable() && budget.waitForNextAttempt(
            RetryBudget.parseRetryAfter(response.header("Retry-After"), retryTools.clock()))) {
          continue;
        }
        Optional<T> handled = endpoint.handleError(status, errors);
        if (handled.isPresent()) {
          return handled.get();
        }
        throw ErrorTranslator.translate(where, status, errors, insufficientScope, authenticator, dockerConfigHint);
      } catch (ResponseTooLargeException e) {
        throw new RegistryResponseException(where.action(), host, where.repository(), where.subject(), 0,
            "the registry sent " + e.getMessage().replace("the response body is", "a body"));
      } catch (PlainHttpRefusedException e) {
        throw new InsecureRegistryException(where.action(), host, "it sends dapp to plain HTTP ("
            + e.getMessage() + "), which dapp refuses", e);
      } catch (IOException e) {
        if (!endpoint.retryable() || !transport.retryable(sentTo[0], e) || !budget.waitForNextAttempt(Optional.empty())) {
          JerseyTransport.Failure failure = transport.failure(sentTo[0], e);
          if (failure.tls()) {
            throw new RegistryTlsException(where.action(), host, where.repository(), failure.problem(), e);
          }
          throw new RegistryUnreachableException(where.action(), host, where.repository(),
              failure.problem() + (budget.attempts() > 1 ? " after " + budget.attempts() + " attempts" : ""), e);
        }
      }
    }
  }

  private HttpResponse send(RegistryEndpoint<?> endpoint, URI base, SortedSet<String> scopes, Where where,
      URI[] sentTo) throws IOException, RegistryException {
    URI uri = endpoint.url(base);
    sentTo[0] = uri;
    HttpResponse response = transport.send(request(endpoint, endpoint.method(), uri, base, scopes, where));
    boolean followable = endpoint.method().equals("GET") || endpoint.method().equals("HEAD");
    for (int hop = 0; followable && hop < MAX_REDIRECTS && REDIRECTS.contains(response.status()); hop++) {
      Optional<String> location = response.header("Location");
      if (location.isEmpty()) {
        return response;
      }
      response.close();
      uri = uri.resolve(location.get());
      if (!transport.permits(uri)) {
        throw new InsecureRegistryException(where.action(), host,
            "it redirects to plain HTTP (" + uri.getScheme() + "://" + uri.getAuthority() + "), which dapp refuses", null);
      }
      sentTo[0] = uri;
      response = transport.send(request(endpoint, endpoint.method(), uri, base, scopes, where));
    }
    return response;
  }

  private HttpRequest request(RegistryEndpoint<?> endpoint, String method, URI uri, URI base, SortedSet<String> scopes,
      Where where) throws RegistryException {
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    // Credentials belong to the registry: never to object storage or any other host a URL points to.
    if (sameOrigin(uri, base)) {
      authenticator.authorization(scopes, where).ifPresent(value -> headers.put("Authorization", value));
    }
    return new HttpRequest(method, uri, headers, endpoint.body());
  }

  static boolean sameOrigin(URI uri, URI base) {
    return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(base.getScheme())
        && uri.getHost() != null && uri.getHost().equalsIgnoreCase(base.getHost())
        && effectivePort(uri) == effectivePort(base);
  }

  private static int effectivePort(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }
}
