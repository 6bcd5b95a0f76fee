package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.LoginRejectedException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientContract;
import io.dapp.domain.registry.RegistryDeniedException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TestImage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The port contract and bearer-token authentication against Distribution and a GitLab-style token
 * service: the cleanup user may delete, the CI job token may not.
 */
class TokenRegistryTest extends RegistryClientContract {

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS);

  private final JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();
  private final RegistryClient cleanupClient = factory.open(
      StaticDockerConfig.basic(REGISTRY.host(), TokenService.CLEANUP_USER, TokenService.CLEANUP_PASSWORD),
      RegistryOptions.defaults());
  private final RegistryClient jobClient = factory.open(
      StaticDockerConfig.basic(REGISTRY.host(), TokenService.JOB_USER, TokenService.JOB_PASSWORD),
      RegistryOptions.defaults());

  @AfterEach
  void closeClients() {
    cleanupClient.close();
    jobClient.close();
  }

  @Override
  protected RegistryClient client() {
    return cleanupClient;
  }

  @Override
  protected Repository newRepository() {
    return REGISTRY.newRepository();
  }

  @Test
  void givenTheJobToken_pushWorks_butDeleteIsDeniedWithTheCleanupPasswordHint() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    for (BlobSource blob : image.blobs()) {
      jobClient.pushBlob(repository, blob, Optional.empty());
    }
    jobClient.pushManifest(repository.withTag("1.0"), image.manifest());

    assertThatThrownBy(() -> jobClient.deleteManifest(repository, image.digest()))
        .isInstanceOf(RegistryDeniedException.class)
        .hasMessageStartingWith("delete manifest " + repository + "@" + image.digest() + ": denied: ")
        .hasMessageContaining("user gitlab-ci-token")
        .hasMessageContaining("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TokenService.JOB_PASSWORD));
    assertThat(TOKENS.requestedScopes()).containsSubsequence(
        "repository:" + repository.path() + ":delete", "repository:" + repository.path() + ":*");
    assertThat(jobClient.listTags(repository)).containsExactly("1.0");
  }

  @Test
  void givenAnIdentityToken_theOAuth2RefreshGrantAuthenticates() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    pushImage(repository, image, "v1");
    StaticDockerConfig identity = new StaticDockerConfig(
        Map.of(REGISTRY.host(), new RegistryAuth.IdentityToken(Secret.of(TokenService.REFRESH_TOKEN))));

    try (RegistryClient client = factory.open(identity, RegistryOptions.defaults())) {
      assertThat(client.pullManifest(repository.withTag("v1"))).isEqualTo(image.manifest());
      client.deleteManifest(repository, image.digest());
    }
    assertThat(cleanupClient.listTags(repository)).isEmpty();
  }

  @Test
  void givenNoCredentials_aPullIsDenied_andTheHintSaysNoneWereUsed() {
    try (RegistryClient anonymous = factory.open(StaticDockerConfig.anonymous(), RegistryOptions.defaults())) {
      assertThatThrownBy(() -> anonymous.listTags(newRepository()))
          .isInstanceOf(RegistryDeniedException.class)
          .hasMessageContaining("no credentials were used");
    }
  }

  @Test
  void verifyLogin_acceptsTheJobToken_andRejectsAWrongOneWithTheTokenServiceMessage() {
    assertThatCode(() -> factory.verifyLogin(REGISTRY.host(),
        new Credentials(TokenService.JOB_USER, Secret.of(TokenService.JOB_PASSWORD)), RegistryOptions.defaults()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> factory.verifyLogin(REGISTRY.host(),
        new Credentials(TokenService.JOB_USER, Secret.of("expired-job-token")), RegistryOptions.defaults()))
        .isInstanceOf(LoginRejectedException.class)
        .hasMessage("login to " + REGISTRY.host() + " as gitlab-ci-token failed: UNAUTHORIZED: HTTP Basic: Access denied");
  }
}
