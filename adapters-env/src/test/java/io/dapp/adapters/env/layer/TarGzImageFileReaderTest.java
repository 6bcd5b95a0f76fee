package io.dapp.adapters.env.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which entry of a base image's layer is its /etc/passwd: a regular file of exactly that path, nothing else. */
class TarGzImageFileReaderTest {

  @TempDir
  Path directory;

  private Layer layer(OciLayoutStore store, TarArchiveEntry... entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (TarArchiveEntry entry : entries) {
        byte[] content = entry.isSymbolicLink() || entry.isLink() || entry.isDirectory() ? new byte[0]
            : "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    byte[] tar = bytes.toByteArray();
    Descriptor blob = store.putBlob("application/vnd.oci.image.layer.v1.tar", out -> out.write(tar));
    return new Layer(blob, Digests.sha256(tar));
  }

  private static TarArchiveEntry link(String name, byte type, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setLinkName(target);
    return entry;
  }

  @Test
  void aRegularFile_isRead_withALeadingSlashOrDot() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));

    for (String name : List.of("etc/passwd", "/etc/passwd", "./etc/passwd")) {
      assertThat(new TarGzImageFileReader().read(List.of(layer(store, new TarArchiveEntry(name))), "etc/passwd", store))
          .as(name).isPresent();
    }
  }

  @Test
  void linksAndEntriesClimbingOut_areNotTheFile() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));

    for (TarArchiveEntry entry : List.of(link("etc/passwd", TarConstants.LF_SYMLINK, "/etc/shadow"),
        link("etc/passwd", TarConstants.LF_LINK, "root/secret"), new TarArchiveEntry("../etc/passwd"),
        new TarArchiveEntry("../../etc/passwd"))) {
      assertThat(new TarGzImageFileReader().read(List.of(layer(store, entry)), "etc/passwd", store))
          .as(entry.getName() + " of type " + (char) entry.getLinkFlag()).isEmpty();
    }
  }
}
