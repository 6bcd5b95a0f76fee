package io.dapp.adapters.env.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzLayerArchiverTest {

  private static final String LONG_NAME = "app/" + "very-long-directory-name/".repeat(6) + "file.txt";

  @TempDir
  Path directory;

  private final TarGzLayerArchiver archiver = new TarGzLayerArchiver();

  private static LayerEntry file(String path, String content, boolean executable, int uid, int gid) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return LayerEntry.file(path, executable, uid, gid, bytes.length, () -> new ByteArrayInputStream(bytes));
  }

  private static List<LayerEntry> entries(String content) {
    return List.of(
        LayerEntry.directory("app", 1000, 1000),
        file("app/bin", content, true, 1000, 1000),
        LayerEntry.symlink("app/current", "bin", 1000, 1000),
        file(LONG_NAME, "long", false, 0, 0));
  }

  @Test
  void tar_hasTheEntriesInOrder_withFixedMtimeOwnerAndMode() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));

    Layer layer = archiver.archive(entries("run"), store);

    List<String> listed = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
        store.openBlob(layer.blob().digest())))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        listed.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getLongUserId() + ":"
            + entry.getLongGroupId() + " " + entry.getModTime().getTime() + " '" + entry.getUserName() + "'"
            + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : "")
            + (entry.isFile() && !entry.isSymbolicLink() ? " " + new String(tar.readAllBytes(), StandardCharsets.UTF_8) : ""));
      }
    }
    assertThat(listed).containsExactly(
        "app/ 40755 1000:1000 0 ''",
        "app/bin 100755 1000:1000 0 '' run",
        "app/current 120777 1000:1000 0 '' -> bin",
        LONG_NAME + " 100644 0:0 0 '' long");
    assertThat(listed).noneMatch(line -> line.contains(".."));
  }

  @Test
  void sameEntries_sameDigests_inAnotherStore() throws Exception {
    Layer first = archiver.archive(entries("run"), OciLayoutStore.open(directory.resolve("one")));
    Layer second = archiver.archive(entries("run"), OciLayoutStore.open(directory.resolve("two")));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void otherContent_otherDigests() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));

    Layer first = archiver.archive(entries("run"), store);
    Layer second = archiver.archive(entries("run2"), store);

    assertThat(second.blob().digest()).isNotEqualTo(first.blob().digest());
    assertThat(second.diffId()).isNotEqualTo(first.diffId());
  }

  @Test
  void diffId_isTheDigestOfTheUncompressedTar_andTheBlobIsGzipWithoutTime() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));

    Layer layer = archiver.archive(entries("run"), store);

    byte[] compressed;
    try (InputStream in = store.openBlob(layer.blob().digest())) {
      compressed = in.readAllBytes();
    }
    byte[] tar;
    try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(compressed))) {
      tar = in.readAllBytes();
    }
    assertThat(layer.diffId()).isEqualTo(Digests.sha256(tar));
    assertThat(layer.blob().digest()).isEqualTo(Digests.sha256(compressed));
    assertThat(layer.blob().size()).isEqualTo(compressed.length);
    assertThat(layer.blob().mediaType()).isEqualTo(MediaType.OCI_LAYER.value());
    // gzip header: magic, deflate, no flags (so no file name), mtime 0
    assertThat(new byte[] {compressed[0], compressed[1], compressed[2], compressed[3], compressed[4], compressed[5],
        compressed[6], compressed[7]}).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0);
  }

  @Test
  void imageFileReader_findsAFileInTheTopmostLayer_andHonoursWhiteouts() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));
    Layer lower = archiver.archive(List.of(LayerEntry.directory("etc", 0, 0), file("etc/passwd", "old", false, 0, 0),
        file("etc/group", "groups", false, 0, 0)), store);
    Layer upper = archiver.archive(List.of(LayerEntry.directory("etc", 0, 0), file("etc/.wh.group", "", false, 0, 0),
        file("etc/passwd", "new", false, 0, 0)), store);
    TarGzImageFileReader reader = new TarGzImageFileReader();

    assertThat(reader.read(List.of(lower, upper), "etc/passwd", store)).map(String::new).contains("new");
    assertThat(reader.read(List.of(lower), "etc/passwd", store)).map(String::new).contains("old");
    assertThat(reader.read(List.of(lower, upper), "etc/group", store)).isEmpty();
    assertThat(reader.read(List.of(lower, upper), "etc/shadow", store)).isEqualTo(Optional.empty());
    assertThat(Files.exists(directory.resolve("store/index.json"))).isTrue();
  }
}
