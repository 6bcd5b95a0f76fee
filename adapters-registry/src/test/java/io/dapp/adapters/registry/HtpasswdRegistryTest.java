package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.registry.LoginRejectedException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientContract;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryUnauthorizedException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The port contract and Basic authentication against Distribution with an htpasswd (bcrypt) file. */
class HtpasswdRegistryTest extends RegistryClientContract {

  private static final String PASSWORD = "s3cret-Pa55";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("alice", PASSWORD));

  private final JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();
  private final RegistryClient client =
      factory.open(StaticDockerConfig.basic(REGISTRY.host(), "alice", PASSWORD), RegistryOptions.defaults());

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Override
  protected RegistryClient client() {
    return client;
  }

  @Override
  protected Repository newRepository() {
    return REGISTRY.newRepository();
  }

  @Test
  void givenNoCredentials_listTags_isUnauthorized_andSaysTheDockerConfigHasNone() {
    try (RegistryClient anonymous = factory.open(StaticDockerConfig.anonymous(), RegistryOptions.defaults())) {
      assertThatThrownBy(() -> anonymous.listTags(newRepository()))
          .isInstanceOf(RegistryUnauthorizedException.class)
          .hasMessageStartingWith("list tags of " + REGISTRY.host() + "/group/project")
          .hasMessageContaining("has no credentials for " + REGISTRY.host());
    }
  }

  @Test
  void givenAWrongPassword_ping_isUnauthorized_andTheMessageHoldsNoPassword() {
    try (RegistryClient wrong = factory.open(StaticDockerConfig.basic(REGISTRY.host(), "alice", "wrong-guess"),
        RegistryOptions.defaults())) {
      assertThatThrownBy(() -> wrong.ping(REGISTRY.host()))
          .isInstanceOf(RegistryUnauthorizedException.class)
          .hasMessageContaining("the credentials of alice")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-guess").doesNotContain("\n"));
    }
  }

  @Test
  void verifyLogin_acceptsTheRightPassword() {
    assertThatCode(() -> factory.verifyLogin(REGISTRY.host(), new Credentials("alice", Secret.of(PASSWORD)),
        RegistryOptions.defaults())).doesNotThrowAnyException();
  }

  @Test
  void verifyLogin_rejectsAWrongPassword_withTheRegistryMessage() {
    assertThatThrownBy(() -> factory.verifyLogin(REGISTRY.host(), new Credentials("alice", Secret.of("nope-nope")),
        RegistryOptions.defaults()))
        .isInstanceOf(LoginRejectedException.class)
        .hasMessage("login to " + REGISTRY.host() + " as alice failed: UNAUTHORIZED: authentication required");
  }
}
