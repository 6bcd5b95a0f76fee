package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientContract;
import io.dapp.domain.registry.RegistryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The port contract, held by the adapter against a real Distribution registry without auth. */
class AnonymousRegistryContractTest extends RegistryClientContract {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  private final RegistryClient client =
      new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(), RegistryOptions.defaults());

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
}
