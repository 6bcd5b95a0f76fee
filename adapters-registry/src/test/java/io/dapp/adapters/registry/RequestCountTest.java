package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TestImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many requests a no-op push's checks cost, counted in the real registry's access log: one ping per
 * registry and process, however many clients the factory opens — also after a login verification, whose
 * unauthenticated ping the work reuses — then one HEAD per blob and one for the tag.
 */
class RequestCountTest {

  private static final String PASSWORD = "count-Pa55";

  @RegisterExtension
  static final DistributionRegistry BASIC = DistributionRegistry.htpasswd(Map.of("alice", PASSWORD)).withAccessLog();

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry TOKEN = DistributionRegistry.token(TOKENS).withAccessLog();

  @Test
  void givenALoginVerification_theWorkAfterIt_sendsNoPing_andOneHeadPerBlobAndTag() throws Exception {
    Repository repository = BASIC.newRepository();
    TestImage image = pushed(BASIC, repository, "alice", PASSWORD);
    int before = BASIC.log().length();

    JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();
    factory.verifyLogin(BASIC.host(), new Credentials("alice", Secret.of(PASSWORD)), RegistryOptions.defaults());
    try (RegistryClient client = factory.open(StaticDockerConfig.basic(BASIC.host(), "alice", PASSWORD),
        RegistryOptions.defaults())) {
      checkAsANoOpPushDoes(client, repository, image);
    }

    assertThat(requests(BASIC.log().substring(before))).containsExactly(
        "GET /v2/ 401", // the ping: which scheme, which challenge
        "GET /v2/ 200", // the verification, with the credentials
        "HEAD /v2/" + repository.path() + "/blobs/" + image.config().digest() + " 200",
        "HEAD /v2/" + repository.path() + "/blobs/" + image.layer().digest() + " 200",
        "HEAD /v2/" + repository.path() + "/manifests/latest 200");
  }

  @Test
  void clientsOfOneFactory_pingARegistryOnce() throws Exception {
    Repository repository = BASIC.newRepository();
    TestImage image = pushed(BASIC, repository, "alice", PASSWORD);
    int before = BASIC.log().length();

    JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();
    for (int i = 0; i < 3; i++) {
      try (RegistryClient client = factory.open(StaticDockerConfig.basic(BASIC.host(), "alice", PASSWORD),
          RegistryOptions.defaults())) {
        assertThat(client.blobExists(repository, image.layer().digest())).isTrue();
      }
    }

    assertThat(requests(BASIC.log().substring(before))).filteredOn(line -> line.startsWith("GET /v2/ "))
        .containsExactly("GET /v2/ 401");
  }

  @Test
  void givenATokenRegistry_theVerificationsPing_servesTheWork_andTheChecksShareOneToken() throws Exception {
    Repository repository = TOKEN.newRepository();
    TestImage image = pushed(TOKEN, repository, TokenService.JOB_USER, TokenService.JOB_PASSWORD);
    int before = TOKEN.log().length();
    int scopesBefore = TOKENS.requestedScopes().size();

    JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();
    factory.verifyLogin(TOKEN.host(), new Credentials(TokenService.JOB_USER, Secret.of(TokenService.JOB_PASSWORD)),
        RegistryOptions.defaults());
    try (RegistryClient client = factory.open(
        StaticDockerConfig.basic(TOKEN.host(), TokenService.JOB_USER, TokenService.JOB_PASSWORD),
        RegistryOptions.defaults())) {
      checkAsANoOpPushDoes(client, repository, image);
    }

    assertThat(requests(TOKEN.log().substring(before))).containsExactly(
        "GET /v2/ 401",
        "GET /v2/ 200",
        "HEAD /v2/" + repository.path() + "/blobs/" + image.config().digest() + " 200",
        "HEAD /v2/" + repository.path() + "/blobs/" + image.layer().digest() + " 200",
        "HEAD /v2/" + repository.path() + "/manifests/latest 200");
    // The verification's token has no scope; the three checks share one token to pull.
    assertThat(TOKENS.requestedScopes().subList(scopesBefore, TOKENS.requestedScopes().size()))
        .containsExactly("repository:" + repository.path() + ":pull");
  }

  /** What a push finds when everything is there: each blob, then the tag. */
  private static void checkAsANoOpPushDoes(RegistryClient client, Repository repository, TestImage image)
      throws Exception {
    assertThat(client.blobExists(repository, image.config().digest())).isTrue();
    assertThat(client.blobExists(repository, image.layer().digest())).isTrue();
    assertThat(client.checkManifest(repository.withTag("latest"))).isPresent();
  }

  private static TestImage pushed(DistributionRegistry registry, Repository repository, String user, String password)
      throws Exception {
    TestImage image = TestImage.create(repository.path().hashCode());
    try (RegistryClient client = new JerseyRegistryClientFactory().open(
        StaticDockerConfig.basic(registry.host(), user, password), RegistryOptions.defaults())) {
      for (BlobSource blob : image.blobs()) {
        client.pushBlob(repository, blob, Optional.empty());
      }
      client.pushManifest(repository.withTag("latest"), image.manifest());
    }
    return image;
  }

  /** "METHOD PATH STATUS" of each request in an access log excerpt, in order. */
  private static List<String> requests(String log) {
    return Arrays.stream(log.split("\n"))
        .map(line -> line.split("\""))
        .filter(parts -> parts.length > 2 && parts[1].endsWith(" HTTP/1.1"))
        .map(parts -> parts[1].substring(0, parts[1].length() - " HTTP/1.1".length()) + " "
            + parts[2].trim().split(" ")[0])
        .toList();
  }
}
