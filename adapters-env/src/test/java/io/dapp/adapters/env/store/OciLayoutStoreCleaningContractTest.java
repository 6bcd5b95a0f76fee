package io.dapp.adapters.env.store;

import io.dapp.domain.model.Digest;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.testing.LocalImageStoreCleaningContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutStoreCleaningContractTest extends LocalImageStoreCleaningContract {

  @TempDir
  Path directory;

  @Override
  protected LocalImageStore store() throws Exception {
    return OciLayoutStore.open(directory.resolve("store"));
  }

  @Override
  protected void backdate(LocalImageStore store, Digest blob, Duration age) throws Exception {
    Path file = directory.resolve("store").resolve("blobs").resolve("sha256").resolve(blob.hex());
    Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().minus(age)));
  }
}
