package io.dapp.domain.testing;

import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.TemporaryDockerConfig;

class InMemoryDockerConfigStoreTest extends DockerConfigStoreContract {

  @Override
  protected DockerConfigStore newStore() {
    return new InMemoryDockerConfigStore();
  }

  @Override
  protected boolean exists(TemporaryDockerConfig config) {
    return !((InMemoryDockerConfigStore.Temporary) config).isClosed();
  }

  @Override
  protected String missingExternalPath() {
    return "/no/such/docker/config";
  }
}
