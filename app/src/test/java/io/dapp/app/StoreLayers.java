package io.dapp.app;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The entries of a gzip'ed layer blob in a local store (an OCI layout), read as any tar reader would. */
final class StoreLayers {

  private StoreLayers() {}

  /** The entry names of layer {@code digest} ({@code sha256:...}) of the store at {@code store}, in tar order. */
  static List<String> entries(Path store, String digest) throws Exception {
    Path blob = store.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    List<String> names = new ArrayList<>();
    try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(blob)));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
