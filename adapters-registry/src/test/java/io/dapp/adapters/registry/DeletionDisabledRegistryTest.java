package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.DeletionDisabledException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TestImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeletionDisabledRegistryTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymousWithoutDeletes();

  @Test
  void givenStorageDeleteOff_deleteManifest_saysDeletionIsDisabled() throws Exception {
    Repository repository = REGISTRY.newRepository();
    TestImage image = TestImage.create(42);
    try (RegistryClient client = new JerseyRegistryClientFactory()
        .open(StaticDockerConfig.anonymous(), RegistryOptions.defaults())) {
      for (BlobSource blob : image.blobs()) {
        client.pushBlob(repository, blob, Optional.empty());
      }
      client.pushManifest(repository.withTag("kept"), image.manifest());

      assertThatThrownBy(() -> client.deleteManifest(repository, image.digest()))
          .isInstanceOf(DeletionDisabledException.class)
          .hasMessage("delete manifest " + repository + "@" + image.digest() + ": deletion is disabled on this registry");
    }
  }
}
