package io.dapp.adapters.env.layer;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.image.ImagePaths;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.port.LayerContents;
import io.dapp.domain.port.LocalImageStore;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Lists a layer's tar, hashing each file's bytes twice in one pass (SHA-256, and SHA-1 as a git blob), and
 * remembers the answer per layer for the process: a build asks for the same git layers once per patch.
 * Whiteouts ({@code .wh.NAME}) and opaque markers ({@code .wh..wh..opq}) name what they delete or hide.
 */
public final class TarLayerContents implements LayerContents {

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final Map<Digest, List<File>> read = new ConcurrentHashMap<>();

  @Inject
  public TarLayerContents() {
  }

  @Override
  public List<File> files(Layer layer, LocalImageStore store) throws DappException {
    List<File> known = read.get(layer.blob().digest());
    if (known != null) {
      return known;
    }
    List<File> files = list(layer, store);
    read.put(layer.blob().digest(), files);
    return files;
  }

  private static List<File> list(Layer layer, LocalImageStore store) throws DappException {
    String mediaType = layer.blob().mediaType();
    if (!mediaType.endsWith("gzip") && !mediaType.endsWith(".tar")) {
      throw new OperationFailedException("layer " + layer.blob().digest().shortForm() + " is " + mediaType
          + ", which dapp cannot read");
    }
    List<File> files = new ArrayList<>();
    try (InputStream blob = new BufferedInputStream(store.openBlob(layer.blob().digest()), 64 * 1024);
        InputStream bytes = mediaType.endsWith("gzip") ? new GzipCompressorInputStream(blob, true) : blob;
        TarArchiveInputStream tar = new TarArchiveInputStream(bytes, "UTF-8")) {
      TarArchiveEntry entry;
      byte[] buffer = new byte[64 * 1024];
      while ((entry = tar.getNextEntry()) != null) {
        String path = clean(entry.getName());
        if (path.isEmpty()) {
          continue; // the root itself
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (name.equals(OPAQUE)) {
          files.add(marker(parent, LayerEntry.Kind.OPAQUE));
        } else if (name.startsWith(WHITEOUT)) {
          files.add(marker(ImagePaths.join(parent, name.substring(WHITEOUT.length())), LayerEntry.Kind.WHITEOUT));
        } else {
          files.add(file(path, entry, tar, buffer));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new OperationFailedException("cannot read layer " + layer.blob().digest().shortForm() + ": "
          + e.getMessage(), e);
    }
    return List.copyOf(files);
  }

  private static File marker(String path, LayerEntry.Kind kind) {
    return new File(path, kind, 0, 0, 0, Optional.empty(), 0, Optional.empty(), Optional.empty());
  }

  private static File file(String path, TarArchiveEntry entry, InputStream tar, byte[] buffer) throws IOException {
    LayerEntry.Kind kind = entry.isDirectory() ? LayerEntry.Kind.DIRECTORY
        : entry.isSymbolicLink() ? LayerEntry.Kind.SYMLINK
        : entry.isLink() ? LayerEntry.Kind.HARDLINK
        : entry.isFIFO() ? LayerEntry.Kind.FIFO
        : entry.isCharacterDevice() ? LayerEntry.Kind.CHAR_DEVICE
        : entry.isBlockDevice() ? LayerEntry.Kind.BLOCK_DEVICE
        : LayerEntry.Kind.FILE;
    Optional<String> link = kind == LayerEntry.Kind.SYMLINK || kind == LayerEntry.Kind.HARDLINK
        ? Optional.of(entry.getLinkName()) : Optional.empty();
    if (kind != LayerEntry.Kind.FILE) {
      return new File(path, kind, entry.getMode() & 07777, (int) entry.getLongUserId(), (int) entry.getLongGroupId(),
          link, 0, Optional.empty(), Optional.empty());
    }
    MessageDigest sha256 = Digests.newSha256();
    MessageDigest sha1 = sha1();
    sha1.update(("blob " + entry.getSize() + "\0").getBytes(StandardCharsets.US_ASCII));
    int n;
    while ((n = tar.read(buffer)) >= 0) {
      sha256.update(buffer, 0, n);
      sha1.update(buffer, 0, n);
    }
    return new File(path, kind, entry.getMode() & 07777, (int) entry.getLongUserId(), (int) entry.getLongGroupId(),
        link, entry.getSize(), Optional.of(ContentFingerprint.sha256(Digests.of(sha256))),
        Optional.of(ContentFingerprint.gitBlob(HexFormat.of().formatHex(sha1.digest()))));
  }

  /** {@code ./a/b/} → {@code a/b}: how layer tars name entries, and how the image names the path. */
  private static String clean(String name) {
    String path = name;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    return ImagePaths.stripSlashes(path);
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
