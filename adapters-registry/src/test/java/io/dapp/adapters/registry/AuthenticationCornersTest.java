package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryUnauthorizedException;
import io.dapp.domain.registry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer-token corners, with a canned registry and token service: a registry token used as it is, the
 * token cache (per scope set, honouring expires_in on an injected clock), and re-authentication after a
 * 401 with a new challenge, bounded.
 */
class AuthenticationCornersTest {

  private static final RegistryOptions OPTIONS = RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE);

  private final MutableClock clock = new MutableClock();
  private final JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory(Duration.ofSeconds(5),
      Duration.ofSeconds(5), new RetryTools(clock, new RecordingSleeper(), RandomGenerator.of("L64X128MixRandom")));
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private String tokenAnswer = "{\"token\":\"token-%d\",\"expires_in\":100}";
  private CannedServer tokenService;

  @BeforeEach
  void startTokenService() throws IOException {
    tokenService = new CannedServer(request -> CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"),
        tokenAnswer.formatted(tokensIssued.incrementAndGet())));
  }

  @AfterEach
  void stopTokenService() {
    tokenService.close();
  }

  private String challenge() {
    return "Bearer realm=\"http://127.0.0.1:" + tokenService.port() + "/token\",service=\"canned\"";
  }

  /** A registry that challenges for a bearer token and lets {@code accepts} judge the Authorization it gets. */
  private CannedServer registry(Function<String, Boolean> accepts) throws IOException {
    return new CannedServer(request -> {
      if (request.authorization() == null || !accepts.apply(request.authorization())) {
        return CannedServer.Reply.of(401, Map.of("WWW-Authenticate", challenge()
            + (request.authorization() == null ? "" : ",error=\"invalid_token\"")), "");
      }
      return CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), "{\"tags\":[\"1\"]}");
    });
  }

  private static Repository repository(CannedServer server, String path) {
    return new Repository(new RegistryHost("127.0.0.1:" + server.port()), path);
  }

  private List<CannedServer.Received> tagRequests(CannedServer server) {
    return server.received().stream().filter(r -> r.uri().contains("/tags/list")).toList();
  }

  @Test
  void registryToken_isTheBearerAsItIs_andNoTokenServiceIsAsked() throws Exception {
    try (CannedServer server = registry("Bearer registry-token-value"::equals)) {
      RegistryHost host = repository(server, "group/app").host();
      StaticDockerConfig config =
          new StaticDockerConfig(Map.of(host, new RegistryAuth.RegistryToken(Secret.of("registry-token-value"))));
      try (RegistryClient client = factory.open(config, OPTIONS)) {

        assertThat(client.listTags(repository(server, "group/app"))).containsExactly("1");
      }
      assertThat(tagRequests(server)).singleElement()
          .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer registry-token-value"));
      assertThat(tokenService.received()).isEmpty();
    }
  }

  @Test
  void twoCallsWithTheSameScope_askTheTokenServiceOnce_anotherScopeAsksAgain() throws Exception {
    try (CannedServer server = registry(authorization -> authorization.startsWith("Bearer token-"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      client.listTags(repository(server, "group/app"));
      client.listTags(repository(server, "group/app"));
      assertThat(tokenService.received()).hasSize(1);

      client.listTags(repository(server, "group/other"));
      assertThat(tokenService.received()).hasSize(2);
      assertThat(tokenService.received().get(1).uri()).contains("scope=repository%3Agroup%2Fother%3Apull");
    }
  }

  @Test
  void cachedToken_isUsedForNineTenthsOfItsLifetime_thenRenewed() throws Exception {
    try (CannedServer server = registry(authorization -> authorization.startsWith("Bearer token-"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
      Repository repository = repository(server, "group/app");

      client.listTags(repository);
      clock.advance(Duration.ofSeconds(89)); // expires_in 100: used until 90 s
      client.listTags(repository);
      assertThat(tokenService.received()).hasSize(1);

      clock.advance(Duration.ofSeconds(2));
      client.listTags(repository);
      assertThat(tokenService.received()).hasSize(2);
      assertThat(tagRequests(server)).extracting(CannedServer.Received::authorization)
          .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }
  }

  @Test
  void tokenWithoutExpiresIn_livesTheDefault60Seconds() throws Exception {
    tokenAnswer = "{\"access_token\":\"token-%d\"}";
    try (CannedServer server = registry(authorization -> authorization.startsWith("Bearer token-"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
      Repository repository = repository(server, "group/app");

      client.listTags(repository);
      clock.advance(Duration.ofSeconds(53));
      client.listTags(repository);
      clock.advance(Duration.ofSeconds(2));
      client.listTags(repository);

      assertThat(tagRequests(server)).extracting(CannedServer.Received::authorization)
          .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }
  }

  @Test
  void a401WithANewChallengeMidSession_getsANewToken_andTheRequestSucceeds() throws Exception {
    // The registry stops accepting token-1 (revoked, or its key rotated) while the client still caches it.
    try (CannedServer server = registry(authorization -> !authorization.equals("Bearer token-1"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThat(client.listTags(repository(server, "group/app"))).containsExactly("1");

      assertThat(tagRequests(server)).extracting(CannedServer.Received::authorization)
          .containsExactly("Bearer token-1", "Bearer token-2");
      assertThat(tokenService.received()).hasSize(2);
    }
  }

  @Test
  void aRegistryRefusingEveryNewToken_isGivenUpOn_afterTwoReauthentications() throws Exception {
    try (CannedServer server = registry(authorization -> false);
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(server, "group/app")))
          .isInstanceOf(RegistryUnauthorizedException.class);

      assertThat(tagRequests(server)).extracting(CannedServer.Received::authorization)
          .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3");
      assertThat(tokenService.received()).hasSize(3);
    }
  }
}
