package io.dapp.adapters.env.layer;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.port.ImageFileReader;
import io.dapp.domain.port.LocalImageStore;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds a file in an image's layers, topmost layer first, honouring whiteouts ({@code .wh.NAME} deletes
 * NAME, {@code .wh..wh..opq} hides the lower layers' directory). Reads gzip'ed and plain tar layers.
 */
public final class TarGzImageFileReader implements ImageFileReader {

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  @Inject
  public TarGzImageFileReader() {
  }

  /** What a layer says about the path: here it is, it is deleted, or nothing (look below). */
  private sealed interface Finding {
    record Found(byte[] content) implements Finding {}

    record Deleted() implements Finding {}

    record Absent() implements Finding {}
  }

  @Override
  public Optional<byte[]> read(List<Layer> layers, String path, LocalImageStore store) throws OperationFailedException {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      Finding finding;
      try {
        finding = search(layer, path, store);
      } catch (IOException e) {
        throw new OperationFailedException("cannot read layer " + layer.blob().digest() + " of the base image: "
            + e.getMessage(), e);
      }
      if (finding instanceof Finding.Found found) {
        return Optional.of(found.content());
      }
      if (finding instanceof Finding.Deleted) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Finding search(Layer layer, String path, LocalImageStore store)
      throws IOException, OperationFailedException {
    String mediaType = layer.blob().mediaType();
    if (!mediaType.endsWith("gzip") && !mediaType.endsWith(".tar")) {
      throw new IOException("layers of type " + mediaType + " cannot be read yet");
    }
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    String name = path.substring(path.lastIndexOf('/') + 1);
    String whiteout = (parent.isEmpty() ? "" : parent + "/") + WHITEOUT + name;
    String opaque = (parent.isEmpty() ? "" : parent + "/") + OPAQUE;
    boolean hidesBelow = false;
    try (InputStream blob = new BufferedInputStream(store.openBlob(layer.blob().digest()));
        InputStream tarBytes = mediaType.endsWith("gzip") ? new GzipCompressorInputStream(blob, true) : blob;
        TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String entryName = normalise(entry.getName());
        if (entryName.equals(path) && isRegularFile(entry)) {
          if (entry.getSize() > MAX_SIZE) {
            throw new IOException(path + " is larger than " + MAX_SIZE + " bytes");
          }
          return new Finding.Found(tar.readNBytes((int) entry.getSize()));
        }
        if (entryName.equals(whiteout)) {
          return new Finding.Deleted();
        }
        hidesBelow |= entryName.equals(opaque);
      }
    }
    return hidesBelow ? new Finding.Deleted() : new Finding.Absent();
  }

  /**
   * A regular file's entry: commons-compress calls every entry that is not a directory a file, symbolic
   * and hard links included, whose bytes are not in the archive; and a name ending in '/' is a directory's.
   */
  private static boolean isRegularFile(TarArchiveEntry entry) {
    byte type = entry.getLinkFlag();
    return (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG)
        && !entry.getName().endsWith("/");
  }

  private static String normalise(String name) {
    String result = name;
    while (result.startsWith("./") || result.startsWith("/")) {
      result = result.substring(result.startsWith("./") ? 2 : 1);
    }
    return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
  }
}
