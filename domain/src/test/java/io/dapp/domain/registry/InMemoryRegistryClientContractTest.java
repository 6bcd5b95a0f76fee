package io.dapp.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryRegistryClientContractTest extends RegistryClientContract {

  private final InMemoryRegistryClient client = new InMemoryRegistryClient();
  private final AtomicInteger repositories = new AtomicInteger();

  @Override
  protected RegistryClient client() {
    return client;
  }

  @Override
  protected Repository newRepository() {
    return new Repository(new RegistryHost("registry.example.com"), "group/project" + repositories.incrementAndGet());
  }

  @Test
  void recordsOnlyTheBlobsWhoseBytesWereSent() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    client.pushBlob(repository, image.layer(), Optional.empty());
    client.pushBlob(repository, image.layer(), Optional.empty());
    client.pushBlob(newRepository(), image.layer(), Optional.of(repository));

    assertThat(client.uploads()).containsExactly(image.layer().digest().toString());
  }

  @Test
  void givenDeletionDisabled_deleteManifest_throwsDeletionDisabled() throws Exception {
    InMemoryRegistryClient noDeletes = new InMemoryRegistryClient().withDeletionDisabled();
    Repository repository = newRepository();

    assertThatThrownBy(() -> noDeletes.deleteManifest(repository, newImage().digest()))
        .isInstanceOf(DeletionDisabledException.class)
        .hasMessageContaining("deletion is disabled on this registry");
  }
}
