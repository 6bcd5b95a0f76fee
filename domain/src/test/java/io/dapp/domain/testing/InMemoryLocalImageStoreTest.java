package io.dapp.domain.testing;

import io.dapp.domain.port.LocalImageStore;

class InMemoryLocalImageStoreTest extends LocalImageStoreContract {

  @Override
  protected LocalImageStore store() {
    return new InMemoryLocalImageStore();
  }
}
