package io.dapp.domain.testing;

import io.dapp.domain.model.Digest;
import io.dapp.domain.port.LocalImageStore;
import java.time.Duration;

class InMemoryLocalImageStoreCleaningTest extends LocalImageStoreCleaningContract {

  @Override
  protected LocalImageStore store() {
    return new InMemoryLocalImageStore();
  }

  @Override
  protected void backdate(LocalImageStore store, Digest blob, Duration age) {
    ((InMemoryLocalImageStore) store).backdate(blob, age);
  }
}
