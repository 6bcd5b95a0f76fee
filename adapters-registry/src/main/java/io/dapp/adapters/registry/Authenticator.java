package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.registry.RegistryException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides the Authorization header for one registry: Basic, a bearer token for the request's scopes (from
 * the cache while it lives, else from the token service), or a registry token as it is. It learns the
 * registry's challenges from the ping and from every later 401.
 */
final class Authenticator {

  private final Optional<RegistryAuth> auth;
  private final TokenFetcher tokenFetcher;
  private final Clock clock;
  private final Map<SortedSet<String>, BearerToken> tokens = new ConcurrentHashMap<>();
  private volatile List<Challenge> challenges = List.of();
  private final Object fetching = new Object();

  Authenticator(Optional<RegistryAuth> auth, TokenFetcher tokenFetcher, Clock clock) {
    this.auth = auth;
    this.tokenFetcher = tokenFetcher;
    this.clock = clock;
  }

  void learn(List<Challenge> newChallenges) {
    if (!newChallenges.isEmpty()) {
      challenges = List.copyOf(newChallenges);
    }
  }

  Optional<RegistryAuth> auth() {
    return auth;
  }

  /** The user behind the credentials, for messages; empty when anonymous or a bare token. */
  Optional<String> username() {
    return auth.filter(RegistryAuth.Basic.class::isInstance)
        .map(basic -> ((RegistryAuth.Basic) basic).credentials().username());
  }

  Optional<String> authorization(SortedSet<String> scopes, Where where) throws RegistryException {
    if (auth.isPresent() && auth.get() instanceof RegistryAuth.RegistryToken token) {
      return Optional.of("Bearer " + token.token().reveal());
    }
    Optional<Challenge> bearer = challenges.stream().filter(Challenge::isBearer).findFirst();
    if (bearer.isPresent()) {
      BearerToken cached = tokens.get(scopes);
      if (cached != null && cached.isValidAt(clock.instant())) {
        return Optional.of(cached.authorization());
      }
      return Optional.of(fetchOnce(bearer.get(), scopes, where).authorization());
    }
    boolean basicChallenge = challenges.stream().anyMatch(Challenge::isBasic);
    if (basicChallenge && auth.isPresent() && auth.get() instanceof RegistryAuth.Basic basic) {
      return Optional.of(BasicAuthorization.of(basic.credentials()));
    }
    return Optional.empty();
  }

  /**
   * Parallel transfers ask for the same scopes at the same moment: the first fetches the token, the
   * others wait for it and use it, so one token is requested per scope set.
   */
  private BearerToken fetchOnce(Challenge bearer, SortedSet<String> scopes, Where where) throws RegistryException {
    synchronized (fetching) {
      BearerToken cached = tokens.get(scopes);
      if (cached != null && cached.isValidAt(clock.instant())) {
        return cached;
      }
      BearerToken fresh = tokenFetcher.fetch(bearer, scopes, auth, where);
      tokens.put(Scopes.copy(scopes), fresh);
      return fresh;
    }
  }

  /**
   * After a 401: take the new challenges, drop the token for these scopes, and say whether sending again
   * can change anything (a new token can; the same Basic credentials or registry token cannot).
   */
  boolean reauthenticate(List<Challenge> newChallenges, SortedSet<String> scopes) {
    boolean hadBearer = challenges.stream().anyMatch(Challenge::isBearer);
    boolean hadBasic = challenges.stream().anyMatch(Challenge::isBasic);
    learn(newChallenges);
    tokens.remove(scopes);
    if (auth.isPresent() && auth.get() instanceof RegistryAuth.RegistryToken) {
      return false;
    }
    boolean bearer = challenges.stream().anyMatch(Challenge::isBearer);
    boolean basicNowPossible = !hadBearer && !hadBasic
        && challenges.stream().anyMatch(Challenge::isBasic) && auth.isPresent()
        && auth.get() instanceof RegistryAuth.Basic;
    return bearer || basicNowPossible;
  }

  void forgetTokens() {
    tokens.clear();
  }
}
