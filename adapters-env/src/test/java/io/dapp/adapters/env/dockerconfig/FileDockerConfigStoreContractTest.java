package io.dapp.adapters.env.dockerconfig;

import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.TemporaryDockerConfig;
import io.dapp.domain.testing.DockerConfigStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileDockerConfigStoreContractTest extends DockerConfigStoreContract {

  @TempDir
  Path root;

  @Override
  protected DockerConfigStore newStore() throws Exception {
    return new StoreFixture(root).store();
  }

  @Override
  protected boolean exists(TemporaryDockerConfig config) {
    return Files.exists(config.directory());
  }

  @Override
  protected String missingExternalPath() {
    return root.resolve("no-such-config").toString();
  }
}
