package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.registry.InsecureRegistryException;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryTlsException;
import io.dapp.domain.registry.RegistryUnauthorizedException;
import io.dapp.domain.registry.RegistryUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/**
 * Gets bearer tokens from the token service a registry names in its challenge ({@code realm}): a GET with
 * {@code service} and {@code scope}, with Basic credentials or anonymously, or an OAuth2 POST with the
 * refresh token when the docker config holds an identity token.
 */
final class TokenFetcher {

  static final int TOKEN_BODY_CAP = 1024 * 1024;
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration LONGEST_LIFETIME = Duration.ofDays(1);

  private final JerseyTransport transport;
  private final RegistryOptions options;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  TokenFetcher(JerseyTransport transport, RegistryOptions options, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.transport = transport;
    this.options = options;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  BearerToken fetch(Challenge bearer, SortedSet<String> scopes, Optional<RegistryAuth> auth, Where where)
      throws RegistryException {
    URI realm = realm(bearer, where);
    String service = bearer.parameter("service").filter(s -> !s.isEmpty()).orElse(where.host().name());
    HttpRequest request = auth.filter(RegistryAuth.IdentityToken.class::isInstance)
        .map(identity -> refreshTokenRequest(realm, service, scopes, ((RegistryAuth.IdentityToken) identity).token()))
        .orElseGet(() -> tokenRequest(realm, service, scopes, auth));
    RetryBudget budget = new RetryBudget(options.retryPolicy(), sleeper, random);
    while (true) {
      try (HttpResponse response = transport.send(request)) {
        int status = response.status();
        if (status == 200) {
          return parse(response.read(TOKEN_BODY_CAP), where);
        }
        RegistryErrors errors = RegistryErrors.parse(response.readErrorBody());
        if (RetryBudget.TRANSIENT_STATUSES.contains(status)
            && budget.waitForNextAttempt(RetryBudget.parseRetryAfter(response.header("Retry-After"), clock))) {
          continue;
        }
        String said = errors.summary("HTTP " + status);
        if (status == 401 || status == 403) {
          throw new RegistryUnauthorizedException(where.action(), where.host(), where.repository(), where.subject(),
              "the token service " + realm.getAuthority() + " rejected " + who(auth) + ": " + said, said);
        }
        throw new RegistryResponseException(where.action(), where.host(), where.repository(), where.subject(), status,
            "the token service " + realm.getAuthority() + " answered " + status + ": " + said);
      } catch (ResponseTooLargeException e) {
        throw new RegistryResponseException(where.action(), where.host(), where.repository(), where.subject(), 0,
            "the token service " + realm.getAuthority() + " sent a token larger than 1 MiB");
      } catch (IOException e) {
        if (!transport.retryable(realm, e) || !budget.waitForNextAttempt(Optional.empty())) {
          JerseyTransport.Failure failure = transport.failure(realm, e);
          if (failure.tls()) {
            throw new RegistryTlsException(where.action(), where.host(), where.repository(),
                "the token service " + realm.getAuthority() + ": " + failure.problem(), e);
          }
          throw new RegistryUnreachableException(where.action(), where.host(), where.repository(),
              "the token service " + realm.getAuthority() + " could not be reached: " + failure.problem(), e);
        }
      }
    }
  }


  /** Credentials travel to the realm, so it gets the same transport rules as a registry. */
  private URI realm(Challenge bearer, Where where) throws RegistryException {
    String realm = bearer.parameter("realm").orElse("");
    URI uri;
    try {
      uri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new RegistryResponseException(where.action(), where.host(), where.repository(), where.subject(), 401,
          "the registry asks for a bearer token but names no usable token service (realm '" + realm + "')");
    }
    if (!transport.permits(uri)) {
      throw new InsecureRegistryException(where.action(), where.host(),
          "its token service " + uri.getAuthority() + " is plain HTTP; dapp sends no credentials over plain HTTP",
          null);
    }
    return uri;
  }

  private static HttpRequest tokenRequest(URI realm, String service, SortedSet<String> scopes,
      Optional<RegistryAuth> auth) {
    StringJoiner query = new StringJoiner("&");
    query.add("service=" + encode(service));
    scopes.forEach(scope -> query.add("scope=" + encode(scope)));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (auth.isPresent() && auth.get() instanceof RegistryAuth.Basic basic) {
      query.add("account=" + encode(basic.credentials().username()));
      headers.put("Authorization", BasicAuthorization.of(basic.credentials()));
    }
    String separator = realm.getRawQuery() == null ? "?" : "&";
    return new HttpRequest("GET", URI.create(realm + separator + query), headers, Optional.empty());
  }

  private static HttpRequest refreshTokenRequest(URI realm, String service, SortedSet<String> scopes, Secret token) {
    String form = "grant_type=refresh_token&client_id=dapp&service=" + encode(service)
        + "&scope=" + encode(String.join(" ", scopes)) + "&refresh_token=" + encode(token.reveal());
    return new HttpRequest("POST", realm, Map.of("Accept", "application/json"),
        Optional.of(RequestBody.of("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8))));
  }

  private BearerToken parse(byte[] body, Where where) throws RegistryException {
    try {
      JsonNode json = Json.tree(body);
      String token = Optional.ofNullable(Json.text(json, "token")).filter(t -> !t.isEmpty())
          .orElse(Json.text(json, "access_token"));
      if (token == null || token.isEmpty()) {
        throw new IOException("no token in the answer");
      }
      // A lifetime is kept no longer than a day: a token service's absurd figure must not overflow the clock,
      // and a command that runs a day re-authenticates anyway.
      long seconds = json.hasNonNull("expires_in") ? json.get("expires_in").asLong() : 0;
      Duration lifetime = seconds > 0 ? Duration.ofSeconds(Math.min(seconds, LONGEST_LIFETIME.toSeconds()))
          : DEFAULT_LIFETIME;
      // Stop using a token a little before it expires, so that a request is not sent with a dying one.
      Instant expiresAt = clock.instant().plus(lifetime.multipliedBy(9).dividedBy(10));
      return new BearerToken(Secret.of(token), expiresAt);
    } catch (IOException e) {
      throw new RegistryResponseException(where.action(), where.host(), where.repository(), where.subject(), 200,
          "the token service sent no usable token (" + e.getMessage() + ")");
    }
  }

  private static String who(Optional<RegistryAuth> auth) {
    if (auth.isEmpty()) {
      return "an anonymous token request";
    }
    RegistryAuth value = auth.get();
    if (value instanceof RegistryAuth.Basic basic) {
      return "the credentials of " + basic.credentials().username();
    }
    return value instanceof RegistryAuth.IdentityToken ? "the identity token" : "the registry token";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
