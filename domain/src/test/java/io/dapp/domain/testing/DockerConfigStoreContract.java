package io.dapp.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.TemporaryDockerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DockerConfigStore} must do, run against the real adapter and the in-memory fake, so
 * that use-case tests written against the fake say something true about the product.
 */
public abstract class DockerConfigStoreContract {

  private static final RegistryHost GITLAB = new RegistryHost("registry.example.com:5050");
  private static final Credentials ALICE = new Credentials("alice", Secret.of("alice-password"));
  private static final Credentials BOB = new Credentials("bob", Secret.of("bob:pass:word"));

  private DockerConfigStore store;

  /** A new store, with nothing in it, for each test. */
  protected abstract DockerConfigStore newStore() throws Exception;

  /** Whether the temporary config still exists where the store keeps it. */
  protected abstract boolean exists(TemporaryDockerConfig config) throws Exception;

  /** A path at which the store has no docker config. */
  protected abstract String missingExternalPath() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  @Test
  void temporaryConfig_holdsExactlyTheGivenLogins() throws Exception {
    Map<RegistryHost, Credentials> logins = new LinkedHashMap<>();
    logins.put(GITLAB, ALICE);
    logins.put(RegistryHost.DOCKER_HUB, BOB);

    try (TemporaryDockerConfig config = store.createTemporary(logins)) {
      assertThat(config.authFor(GITLAB)).contains(new RegistryAuth.Basic(ALICE));
      assertThat(config.authFor(new RegistryHost("index.docker.io"))).contains(new RegistryAuth.Basic(BOB));
      assertThat(config.authFor(new RegistryHost("registry.example.com"))).isEmpty();
    }
  }

  @Test
  void temporaryConfig_withoutLogins_holdsNone() throws Exception {
    try (TemporaryDockerConfig config = store.createTemporary(Map.of())) {
      assertThat(config.authFor(GITLAB)).isEmpty();
    }
  }

  @Test
  void temporaryConfig_isRemovedOnClose_andClosingAgainIsHarmless() throws Exception {
    TemporaryDockerConfig config = store.createTemporary(Map.of(GITLAB, ALICE));
    assertThat(exists(config)).isTrue();

    config.close();
    config.close();

    assertThat(exists(config)).isFalse();
  }

  @Test
  void temporaryConfigs_areSeparate() throws Exception {
    try (TemporaryDockerConfig first = store.createTemporary(Map.of(GITLAB, ALICE));
        TemporaryDockerConfig second = store.createTemporary(Map.of(GITLAB, BOB))) {
      assertThat(first.directory()).isNotEqualTo(second.directory());

      first.close();

      assertThat(exists(second)).isTrue();
      assertThat(second.authFor(GITLAB)).contains(new RegistryAuth.Basic(BOB));
    }
  }

  @Test
  void sweepAbandoned_keepsTheTemporaryConfigsOfThisProcess() throws Exception {
    try (TemporaryDockerConfig config = store.createTemporary(Map.of(GITLAB, ALICE))) {
      assertThat(store.sweepAbandoned()).isZero();

      assertThat(exists(config)).isTrue();
    }
  }

  @Test
  void givenMissingDirectory_openExternal_isInvalidInputNamingThePath() throws Exception {
    String path = missingExternalPath();

    assertThatThrownBy(() -> store.openExternal(path))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(path)
        .hasMessageNotContaining("\n");
  }
}
