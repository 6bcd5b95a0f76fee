package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies blobs from a registry repository into the local store, through a temporary file, when the store lacks them. */
final class BlobTransfer {

  private final RegistryClient client;
  private final LocalImageStore store;

  BlobTransfer(RegistryClient client, LocalImageStore store) {
    this.client = client;
    this.store = store;
  }

  /** Whether the blob had to be downloaded. */
  boolean pull(Repository repository, Descriptor blob) throws DappException {
    if (store.hasBlob(blob.digest())) {
      return false;
    }
    Path temporary;
    try {
      temporary = Files.createTempFile("dapp-blob-", ".part");
      Files.delete(temporary); // pullBlob makes the file appear only once its bytes are verified
    } catch (IOException e) {
      throw new OperationFailedException("cannot create a temporary file for blob " + blob.digest() + ": "
          + e.getMessage());
    }
    try {
      client.pullBlob(repository, blob.digest(), temporary);
      try (InputStream in = Files.newInputStream(temporary)) {
        store.putBlob(blob.mediaType(), blob.digest(), in);
      }
      return true;
    } catch (IOException e) {
      throw new OperationFailedException("cannot read downloaded blob " + blob.digest() + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the temporary directory is cleaned by the system
      }
    }
  }
}
