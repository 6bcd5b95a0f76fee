package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {

  private static final Instant TIME = Instant.ofEpochSecond(1_600_000_000);

  @TempDir
  Path directory;

  private Path root;
  private OciLayoutStore store;
  private final NativeCalls calls = new NativeCalls();
  private final LayerUnpacker unpacker = new LayerUnpacker(calls);
  private final TarGzLayerArchiver archiver = new TarGzLayerArchiver();

  @BeforeEach
  void root() throws Exception {
    root = Files.createDirectory(directory.resolve("root"));
    store = OciLayoutStore.open(directory.resolve("store"));
  }

  private Layer layer(LayerEntry... entries) throws Exception {
    return archiver.archive(List.of(entries), store);
  }

  private void unpack(Layer... layers) throws Exception {
    unpacker.unpack(root, List.of(layers), store);
  }

  private static LayerEntry entry(String path, LayerEntry.Kind kind, int mode, int uid, int gid) {
    return new LayerEntry(path, kind, mode, uid, gid, Optional.empty(), 0, Optional.empty(), TIME, List.of(),
        LayerEntry.Device.NONE);
  }

  private static LayerEntry dir(String path) {
    return entry(path, LayerEntry.Kind.DIRECTORY, 0755, 0, 0);
  }

  private static LayerEntry file(String path, String content) {
    return file(path, content, 0644, 0, 0, List.of());
  }

  private static LayerEntry file(String path, String content, int mode, int uid, int gid, List<LayerEntry.Xattr> xattrs) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new LayerEntry(path, LayerEntry.Kind.FILE, mode, uid, gid, Optional.empty(), bytes.length,
        Optional.of(() -> new ByteArrayInputStream(bytes)), TIME, xattrs, LayerEntry.Device.NONE);
  }

  private FileStat stat(String path) throws Exception {
    return FileStat.read(root.resolve(path), calls);
  }

  @Test
  void whiteout_deletesWhatALowerLayerMade_notWhatItsOwnLayerMade() throws Exception {
    Layer lower = layer(dir("etc"), file("etc/a", "lower a"), file("etc/b", "lower b"), file("etc/c", "lower c"),
        dir("d"), file("d/x", "x"));
    Layer upper = RawLayers.layer(store, tar -> tar
        .file("etc/.wh.a", "")
        .file("etc/b", "upper b").file("etc/.wh.b", "")
        .file("etc/.wh.c", "").file("etc/c", "upper c")
        .file(".wh.d", ""));

    unpack(lower, upper);

    assertThat(root.resolve("etc/a")).doesNotExist();
    assertThat(root.resolve("etc/b")).hasContent("upper b");
    assertThat(root.resolve("etc/c")).hasContent("upper c");
    assertThat(root.resolve("d")).doesNotExist();
  }

  @Test
  void opaqueDirectory_hidesWhatLowerLayersPutThere_keepsItsOwnLayersEntriesWhateverTheirOrder() throws Exception {
    Layer lower = layer(dir("app"), file("app/old", "old"), dir("app/sub"), file("app/sub/old2", "old2"),
        file("app/sub/same", "lower"));
    Layer upper = RawLayers.layer(store, tar -> tar
        .file("app/before", "before")
        .file("app/sub/same", "upper")
        .directory("app/")
        .file("app/.wh..wh..opq", "")
        .file("app/after", "after"));

    unpack(lower, upper);

    try (var listed = Files.walk(root.resolve("app"))) {
      assertThat(listed.map(path -> root.relativize(path).toString()))
          .containsExactlyInAnyOrder("app", "app/before", "app/after", "app/sub", "app/sub/same");
    }
    assertThat(root.resolve("app/sub/same")).hasContent("upper");
  }

  @Test
  void directoryDeletedByOneLayer_andMadeAgainByTheNext_showsOnlyTheNewContent() throws Exception {
    unpack(layer(dir("a"), file("a/old", "old")), layer(LayerEntry.whiteout("a")), layer(dir("a"), file("a/new", "new")));

    assertThat(root.resolve("a/old")).doesNotExist();
    assertThat(root.resolve("a/new")).hasContent("new");
  }

  @Test
  void fileReplacesADirectory_andADirectoryReplacesAFile() throws Exception {
    Layer lower = layer(dir("was-dir"), file("was-dir/inside", "x"), file("was-file", "y"));
    Layer upper = layer(file("was-dir", "now a file"), dir("was-file"), file("was-file/inside", "z"));

    unpack(lower, upper);

    assertThat(root.resolve("was-dir")).isRegularFile().hasContent("now a file");
    assertThat(root.resolve("was-file")).isDirectory();
    assertThat(root.resolve("was-file/inside")).hasContent("z");
  }

  @Test
  void directoryOverADirectory_keepsItsContent_andTakesTheNewModeOwnerAndAttributes() throws Exception {
    LayerEntry lowerDir = new LayerEntry("d", LayerEntry.Kind.DIRECTORY, 0755, 0, 0, Optional.empty(), 0,
        Optional.empty(), TIME, List.of(new LayerEntry.Xattr("user.lower", new byte[] {1})), LayerEntry.Device.NONE);
    LayerEntry upperDir = new LayerEntry("d", LayerEntry.Kind.DIRECTORY, 01770, 5, 6, Optional.empty(), 0,
        Optional.empty(), TIME, List.of(new LayerEntry.Xattr("user.upper", new byte[] {2})), LayerEntry.Device.NONE);

    unpack(layer(lowerDir, file("d/kept", "kept")), layer(upperDir));

    assertThat(root.resolve("d/kept")).hasContent("kept");
    FileStat d = stat("d");
    assertThat(d.mode()).isEqualTo(01770);
    assertThat(d.uid()).isEqualTo(5);
    assertThat(d.gid()).isEqualTo(6);
    assertThat(d.xattrs()).containsExactly(new LayerEntry.Xattr("user.upper", new byte[] {2}));
  }

  @Test
  void hardLinks_inTheSameLayerAndToALowerLayersFile_shareTheInode() throws Exception {
    Layer lower = layer(dir("bin"), file("bin/busybox", "multi-call"));
    Layer upper = RawLayers.layer(store, tar -> tar.file("bin/own", "own").hardLink("bin/own-link", "bin/own")
        .hardLink("bin/sh", "/bin/busybox"));

    unpack(lower, upper);

    assertThat(stat("bin/sh").inode()).isEqualTo(stat("bin/busybox").inode());
    assertThat(stat("bin/own-link").inode()).isEqualTo(stat("bin/own").inode());
    assertThat(stat("bin/busybox").links()).isEqualTo(2);
  }

  @Test
  void hardLinkOverAnExistingFile_replacesIt() throws Exception {
    Layer lower = layer(file("perl", "perl"), file("perl5", "old perl5"));
    Layer upper = RawLayers.layer(store, tar -> tar.hardLink("perl5", "perl"));

    unpack(lower, upper);

    assertThat(root.resolve("perl5")).hasContent("perl");
  }

  @Test
  void setuidFile_ownedByAnotherUser_keepsItsSetuidBit() throws Exception {
    unpack(layer(file("su", "su", 06755, 1000, 1000, List.of())));

    FileStat su = stat("su");
    assertThat(su.mode()).isEqualTo(06755);
    assertThat(su.uid()).isEqualTo(1000);
  }

  @Test
  void owners_areNumeric_alsoOfSymlinksThemselves() throws Exception {
    LayerEntry link = new LayerEntry("link", LayerEntry.Kind.SYMLINK, 0777, 33, 44, Optional.of("/etc/passwd"), 0,
        Optional.empty(), TIME, List.of(), LayerEntry.Device.NONE);

    unpack(layer(entry("home", LayerEntry.Kind.DIRECTORY, 0700, 1001, 1002), file("home/f", "f", 0600, 7, 8,
        List.of()), link));

    assertThat(stat("home").uid()).isEqualTo(1001);
    assertThat(stat("home/f").gid()).isEqualTo(8);
    assertThat(stat("link").uid()).isEqualTo(33);
    assertThat(stat("link").gid()).isEqualTo(44);
    assertThat(stat("link").linkTarget()).isEqualTo("/etc/passwd");
  }

  @Test
  void capability_withBytesAbove0x7f_isSetExactly_afterTheOwner() throws Exception {
    byte[] capability = RootFilesystemContract.CAPABILITY;
    byte[] binary = {(byte) 0xff, (byte) 0x80, (byte) 0xc3, 0, 0x28};

    unpack(layer(file("ping", "ping", 0755, 0, 1234, List.of(new LayerEntry.Xattr("security.capability", capability),
        new LayerEntry.Xattr("user.binary", binary)))));

    assertThat(calls.getXattr(root.resolve("ping"), "security.capability")).isEqualTo(capability);
    assertThat(calls.getXattr(root.resolve("ping"), "user.binary")).isEqualTo(binary);
    assertThat(stat("ping").gid()).isEqualTo(1234);
  }

  @Test
  void overlaysOwnAttributesInALayer_areNotApplied() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.fileWithPax("f", "f", Map.of("SCHILY.xattr.trusted.overlay.opaque", "y",
        "SCHILY.xattr.user.kept", "yes"))));

    assertThat(calls.listXattrs(root.resolve("f"))).containsExactly("user.kept");
  }

  @Test
  void deviceNodesAndFifos_areMade() throws Exception {
    LayerEntry nul = new LayerEntry("dev/null", LayerEntry.Kind.CHAR_DEVICE, 0666, 0, 0, Optional.empty(), 0,
        Optional.empty(), TIME, List.of(), new LayerEntry.Device(1, 3));
    LayerEntry loop = new LayerEntry("dev/loop0", LayerEntry.Kind.BLOCK_DEVICE, 0660, 0, 6, Optional.empty(), 0,
        Optional.empty(), TIME, List.of(), new LayerEntry.Device(7, 0));
    LayerEntry fifo = entry("run/pipe", LayerEntry.Kind.FIFO, 0620, 0, 0);

    unpack(layer(dir("dev"), nul, loop, dir("run"), fifo));

    assertThat(stat("dev/null").format()).isEqualTo(Metadata.S_IFCHR);
    assertThat(NativeCalls.major(stat("dev/null").rdev())).isEqualTo(1);
    assertThat(NativeCalls.minor(stat("dev/null").rdev())).isEqualTo(3);
    assertThat(stat("dev/loop0").format()).isEqualTo(Metadata.S_IFBLK);
    assertThat(NativeCalls.major(stat("dev/loop0").rdev())).isEqualTo(7);
    assertThat(stat("dev/loop0").mode()).isEqualTo(0660);
    assertThat(stat("run/pipe").format()).isEqualTo(Metadata.S_IFIFO);
    assertThat(stat("run/pipe").mode()).isEqualTo(0620);
  }

  @Test
  void characterDevice00_isRefused_becauseOverlayfsTakesItForAWhiteout() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.put(RawLayers.RawTar.entry("dev/wh", TarConstants.LF_CHR, 020000),
        new byte[0]));

    assertThat(catchThrowable(() -> unpack(layer))).isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("entry 'dev/wh': a character device 0/0 is overlayfs's whiteout, not a file of an image");
  }

  @Test
  void mtimes_ofFilesSymlinksAndDirectories_areTheLayers_directoriesAfterTheirContent() throws Exception {
    LayerEntry link = new LayerEntry("d/link", LayerEntry.Kind.SYMLINK, 0777, 0, 0, Optional.of("f"), 0,
        Optional.empty(), Instant.ofEpochSecond(1_500_000_000), List.of(), LayerEntry.Device.NONE);

    unpack(layer(dir("d"), file("d/f", "f"), link, dir("d/sub"), file("d/sub/g", "g")));

    assertThat(stat("d").mtime()).isEqualTo(FileTime.from(TIME));
    assertThat(stat("d/sub").mtime()).isEqualTo(FileTime.from(TIME));
    assertThat(stat("d/f").mtime()).isEqualTo(FileTime.from(TIME));
    assertThat(stat("d/link").mtime()).isEqualTo(FileTime.from(Instant.ofEpochSecond(1_500_000_000)));
  }

  @Test
  void subSecondMtimeOfAPaxHeader_isKept() throws Exception {
    TarArchiveEntry entry = RawLayers.RawTar.entry("f", TarConstants.LF_NORMAL, 0100644);
    entry.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(1_600_000_000, 123_456_700)));

    unpack(RawLayers.layer(store, tar -> tar.put(entry, new byte[] {1})));

    assertThat(stat("f").mtime()).isEqualTo(FileTime.from(Instant.ofEpochSecond(1_600_000_000, 123_456_700)));
  }

  @Test
  void plainTarLayer_isUnpacked() throws Exception {
    unpack(RawLayers.plainLayer(store, tar -> tar.file("plain", "not gzip'ed")));

    assertThat(root.resolve("plain")).hasContent("not gzip'ed");
  }

  @Test
  void zstdLayer_isRefusedInOneLine_namingItsTypeAndTheLayer() throws Exception {
    Descriptor blob = store.putBlob("application/vnd.oci.image.layer.v1.tar+zstd", out -> out.write(new byte[] {1}));
    Layer layer = new Layer(blob, Digests.sha256(new byte[] {1}));

    Throwable thrown = catchThrowable(() -> unpack(layer));

    assertThat(thrown).isInstanceOf(OperationFailedException.class).hasMessage("layer "
        + blob.digest().shortForm() + " (1 of 1): layers of type 'application/vnd.oci.image.layer.v1.tar+zstd' cannot"
        + " be unpacked (only gzip'ed or plain tar)");
  }

  @Test
  void layerWhoseTarIsNotItsDiffId_isRefused() throws Exception {
    Layer real = RawLayers.layer(store, tar -> tar.file("f", "f"));
    Layer lying = new Layer(real.blob(), Digests.sha256("something else"));

    assertThat(catchThrowable(() -> unpack(lying))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(1 of 1): its tar has digest " + real.diffId() + ", not the diff_id " + lying.diffId());
  }

  @Test
  void symlinkTarget_isKeptByteForByte() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.symlink("trailing", "usr//lib/").symlink("abs", "/usr/share/zoneinfo/UTC")));

    assertThat(stat("trailing").linkTarget()).isEqualTo("usr//lib/");
    assertThat(stat("abs").linkTarget()).isEqualTo("/usr/share/zoneinfo/UTC");
    assertThat(Files.isSymbolicLink(root.resolve("abs"))).isTrue();
    assertThat(Files.exists(root.resolve("abs"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
