package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer with every kind of entry, as dapp writes it: unpacked by dapp, and read by GNU tar. */
class EveryKindOfEntryTest {

  private static final Instant T1 = Instant.ofEpochSecond(1_650_000_001);
  private static final Instant T2 = Instant.ofEpochSecond(1_650_000_002);
  private static final byte[] BINARY = {(byte) 0xff, (byte) 0x80, (byte) 0xc3, 0, 0x28};
  private static final String LONG_NAME = "d/" + "ünïcödé-".repeat(15) + "x";

  @TempDir
  Path directory;

  private OciLayoutStore store;
  private final NativeCalls calls = new NativeCalls();
  private final TarGzLayerArchiver archiver = new TarGzLayerArchiver();

  @BeforeEach
  void store() throws Exception {
    store = OciLayoutStore.open(directory.resolve("store"));
  }

  private static LayerEntry entry(String path, LayerEntry.Kind kind, int mode, int uid, int gid, String link,
      String content, Instant mtime, List<LayerEntry.Xattr> xattrs, LayerEntry.Device device) {
    byte[] bytes = content == null ? null : content.getBytes(StandardCharsets.UTF_8);
    return new LayerEntry(path, kind, mode, uid, gid, Optional.ofNullable(link), bytes == null ? 0 : bytes.length,
        bytes == null ? Optional.empty() : Optional.of(() -> new ByteArrayInputStream(bytes)), mtime, xattrs, device);
  }

  private static List<LayerEntry> everyKind() {
    LayerEntry.Xattr capability = new LayerEntry.Xattr("security.capability", RootFilesystemContract.CAPABILITY);
    LayerEntry.Xattr binary = new LayerEntry.Xattr("user.binary", BINARY);
    return List.of(
        entry("d", LayerEntry.Kind.DIRECTORY, 02775, 10, 20, null, null, T1,
            List.of(new LayerEntry.Xattr("user.dir", new byte[] {1})), LayerEntry.Device.NONE),
        entry("d/file", LayerEntry.Kind.FILE, 04755, 0, 0, null, "content", T2, List.of(capability, binary),
            LayerEntry.Device.NONE),
        entry(LONG_NAME, LayerEntry.Kind.FILE, 0600, 3000000, 3000001, null, "long", T1, List.of(binary),
            LayerEntry.Device.NONE),
        entry("d/link", LayerEntry.Kind.SYMLINK, 0777, 5, 6, "/usr/share/zoneinfo/UTC", null, T1, List.of(),
            LayerEntry.Device.NONE),
        entry("d/hard", LayerEntry.Kind.HARDLINK, 04755, 0, 0, "d/file", null, T2, List.of(), LayerEntry.Device.NONE),
        entry("d/fifo", LayerEntry.Kind.FIFO, 0600, 0, 0, null, null, T1, List.of(), LayerEntry.Device.NONE),
        entry("d/null", LayerEntry.Kind.CHAR_DEVICE, 0666, 0, 0, null, null, T1, List.of(), new LayerEntry.Device(1, 3)),
        entry("d/loop", LayerEntry.Kind.BLOCK_DEVICE, 0660, 0, 6, null, null, T1, List.of(),
            new LayerEntry.Device(7, 0)),
        LayerEntry.whiteout("gone"),
        entry("opq", LayerEntry.Kind.DIRECTORY, 0755, 0, 0, null, null, T1, List.of(), LayerEntry.Device.NONE),
        LayerEntry.opaque("opq"),
        entry("opq/new", LayerEntry.Kind.FILE, 0644, 0, 0, null, "new", T1, List.of(), LayerEntry.Device.NONE));
  }

  private Layer base() throws Exception {
    return archiver.archive(List.of(
        entry("gone", LayerEntry.Kind.FILE, 0644, 0, 0, null, "gone", T1, List.of(), LayerEntry.Device.NONE),
        entry("opq", LayerEntry.Kind.DIRECTORY, 0755, 0, 0, null, null, T1, List.of(), LayerEntry.Device.NONE),
        entry("opq/lower", LayerEntry.Kind.FILE, 0644, 0, 0, null, "lower", T1, List.of(), LayerEntry.Device.NONE)),
        store);
  }

  private Path blobFile(Layer layer) {
    return Path.of(store.location(), "blobs", "sha256", layer.blob().digest().hex());
  }

  @Test
  void unpackedByDapp_everyEntryIsAsWritten() throws Exception {
    Layer every = archiver.archive(everyKind(), store);
    Path root = Files.createDirectory(directory.resolve("root"));

    new LayerUnpacker(calls).unpack(root, List.of(base(), every), store);

    for (LayerEntry written : everyKind()) {
      if (written.isMarker()) {
        continue;
      }
      Path path = root.resolve(written.path());
      FileStat stat = FileStat.read(path, calls);
      if (written.kind() == LayerEntry.Kind.HARDLINK) {
        assertThat(stat.inode()).isEqualTo(FileStat.read(root.resolve(written.linkTarget().get()), calls).inode());
        continue;
      }
      LayerEntry unpacked = TreeWalk.entry(written.path(), path, stat).orElseThrow();
      assertThat(unpacked).usingRecursiveComparison().ignoringFields("content").isEqualTo(written);
    }
    assertThat(root.resolve("gone")).doesNotExist();
    assertThat(root.resolve("opq/lower")).doesNotExist();
    assertThat(root.resolve("opq/new")).hasContent("new");
    assertThat(root.resolve(LONG_NAME)).hasContent("long");
  }

  @Test
  void listedByGnuTar_withTypesDevicesLinksAndAttributes() throws Exception {
    Layer every = archiver.archive(everyKind(), store);

    String listing = run(List.of("tar", "--xattrs", "--xattrs-include=*", "-tvvzf", blobFile(every).toString()), directory);

    assertThat(listing).contains(
        "drwxrwsr-x* 10/20", " d/\n", "  x: 1 user.dir",
        "-rwsr-xr-x* 0/0", "2022-04-15", " d/file\n", "  x: 20 security.capability", "  x: 5 user.binary",
        "-rw-------* 3000000/3000001", LONG_NAME,
        "lrwxrwxrwx  5/6", "d/link -> /usr/share/zoneinfo/UTC",
        "d/hard link to d/file",
        "prw-------  0/0", "d/fifo",
        "crw-rw-rw-  0/0 ", "1,3 2022-04-15 05:20 d/null",
        "brw-rw----  0/6 ", "7,0 2022-04-15 05:20 d/loop",
        " .wh.gone\n", " opq/.wh..wh..opq\n");
    assertThat(listing).doesNotContain("PaxHeaders");
  }

  @Test
  void extractedByGnuTar_theAttributesHaveTheirExactBytes() throws Exception {
    Layer every = archiver.archive(everyKind(), store);
    Path extracted = Files.createDirectory(directory.resolve("gnu"));

    run(List.of("tar", "--xattrs", "--xattrs-include=*", "-xzf", blobFile(every).toString()), extracted);

    assertThat(calls.getXattr(extracted.resolve("d/file"), "security.capability"))
        .isEqualTo(RootFilesystemContract.CAPABILITY);
    assertThat(calls.getXattr(extracted.resolve("d/file"), "user.binary")).isEqualTo(BINARY);
    assertThat(calls.getXattr(extracted.resolve(LONG_NAME), "user.binary")).isEqualTo(BINARY);
  }

  @Test
  void sameEntries_sameDigests() throws Exception {
    Layer first = archiver.archive(everyKind(), store);
    Layer second = archiver.archive(everyKind(), OciLayoutStore.open(directory.resolve("other")));

    assertThat(second).isEqualTo(first);
  }

  private static String run(List<String> command, Path workingDirectory) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.environment().put("TZ", "UTC");
    builder.environment().put("LC_ALL", "C.UTF-8");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

}
