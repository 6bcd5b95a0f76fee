package io.dapp.adapters.env.store;

import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.testing.LocalImageStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutStoreContractTest extends LocalImageStoreContract {

  @TempDir
  Path directory;

  @Override
  protected LocalImageStore store() throws Exception {
    return OciLayoutStore.open(directory.resolve("store"));
  }
}
