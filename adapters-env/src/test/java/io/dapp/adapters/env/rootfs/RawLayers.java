package io.dapp.adapters.env.rootfs;

import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.LocalImageStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Layers written entry by entry, names and link targets exactly as given: what a hostile registry could serve. */
final class RawLayers {

  @FunctionalInterface
  interface Entries {
    void write(RawTar tar) throws IOException;
  }

  private RawLayers() {}

  /** A gzip'ed layer in {@code store} with the entries {@code entries} writes. */
  static Layer layer(LocalImageStore store, Entries entries) throws Exception {
    ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      entries.write(new RawTar(tar));
      tar.finish();
    }
    byte[] tar = tarBytes.toByteArray();
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(gzipped)) {
      gzip.write(tar);
    }
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(gzipped.toByteArray()));
    return new Layer(blob, Digests.sha256(tar));
  }

  /** The same layer bytes as a plain (uncompressed) tar. */
  static Layer plainLayer(LocalImageStore store, Entries entries) throws Exception {
    ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      entries.write(new RawTar(tar));
      tar.finish();
    }
    byte[] tar = tarBytes.toByteArray();
    Descriptor blob = store.putBlob("application/vnd.oci.image.layer.v1.tar", out -> out.write(tar));
    return new Layer(blob, Digests.sha256(tar));
  }

  static final class RawTar {
    private final TarArchiveOutputStream tar;

    RawTar(TarArchiveOutputStream tar) {
      this.tar = tar;
    }

    RawTar directory(String name) throws IOException {
      return put(entry(name, TarConstants.LF_DIR, 040755), new byte[0]);
    }

    RawTar file(String name, String content) throws IOException {
      return put(entry(name, TarConstants.LF_NORMAL, 0100644), content.getBytes(StandardCharsets.UTF_8));
    }

    RawTar symlink(String name, String target) throws IOException {
      TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0120777);
      entry.setLinkName(target);
      return put(entry, new byte[0]);
    }

    RawTar hardLink(String name, String target) throws IOException {
      TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, 0100644);
      entry.setLinkName(target);
      return put(entry, new byte[0]);
    }

    RawTar fileWithPax(String name, String content, Map<String, String> pax) throws IOException {
      TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, 0100644);
      pax.forEach(entry::addPaxHeader);
      return put(entry, content.getBytes(StandardCharsets.UTF_8));
    }

    RawTar put(TarArchiveEntry entry, byte[] content) throws IOException {
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    }

    /** An entry whose name is kept as it is (commons-compress would strip a leading slash). */
    static TarArchiveEntry entry(String name, byte type, int mode) {
      TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
      entry.setMode(mode);
      entry.setUserName("");
      entry.setGroupName("");
      return entry;
    }
  }
}
