package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link RootFilesystem#changes()} gives after a stage's typical edits, the same for every driver: the
 * entries (by path and kind), and that the layer made of them, unpacked over the image, gives the tree the
 * stage left.
 */
abstract class RootFilesystemContract {

  static final Instant TIME = Instant.ofEpochSecond(1_700_000_000);
  static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0xc0, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  @TempDir
  Path directory;

  protected OciLayoutStore store;
  protected LocalRootFilesystems filesystems;
  protected List<Layer> image;
  protected RootFilesystem root;
  protected final NativeCalls calls = new NativeCalls();
  private final TarGzLayerArchiver archiver = new TarGzLayerArchiver();

  /** The root filesystems under test, with the driver chosen. */
  protected abstract LocalRootFilesystems filesystems();

  @BeforeEach
  void image() throws Exception {
    store = OciLayoutStore.open(directory.resolve("store"));
    filesystems = filesystems();
    Layer base = archiver.archive(List.of(
        dir("etc"), file("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644), file("etc/group", "root:x:0:\n", 0644),
        dir("usr"), dir("usr/bin"), file("usr/bin/tool", "#!/bin/sh\n", 0755), file("usr/bin/same", "1234", 0644),
        dir("data"), file("data/a", "a", 0644), file("data/b", "b", 0644), dir("data/sub"), file("data/sub/c", "c", 0644),
        file("swapfile", "file", 0644), dir("swapdir"), file("swapdir/y", "y", 0644),
        dir("redo"), file("redo/old", "old", 0644),
        new LayerEntry("link", LayerEntry.Kind.SYMLINK, 0777, 0, 0, Optional.of("etc/passwd"), 0, Optional.empty(),
            TIME, List.of(), LayerEntry.Device.NONE)), store);
    Layer second = archiver.archive(List.of(file("lowerfile", "lower", 0644)), store);
    image = List.of(base, second);
    root = filesystems.open(image, store);
  }

  @AfterEach
  void close() {
    if (root != null) {
      root.close();
    }
  }

  static LayerEntry dir(String path) {
    return new LayerEntry(path, LayerEntry.Kind.DIRECTORY, 0755, 0, 0, Optional.empty(), 0, Optional.empty(), TIME,
        List.of(), LayerEntry.Device.NONE);
  }

  static LayerEntry file(String path, String content, int mode) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new LayerEntry(path, LayerEntry.Kind.FILE, mode, 0, 0, Optional.empty(), bytes.length,
        Optional.of(() -> new ByteArrayInputStream(bytes)), TIME, List.of(), LayerEntry.Device.NONE);
  }

  /** Runs a shell command in the root filesystem's directory (on the host: the commands touch only it). */
  void shell(String script) throws Exception {
    Process process = new ProcessBuilder("sh", "-ec", script).directory(root.directory().toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  static List<String> described(List<LayerEntry> entries) {
    List<String> result = new ArrayList<>();
    for (LayerEntry entry : entries) {
      result.add(entry.path() + " " + entry.kind() + entry.linkTarget().map(target -> " -> " + target).orElse(""));
    }
    return result;
  }

  /** The tree as a layer can carry it: kind, mode, owner, content, link target, attributes, device, mtime (s). */
  Map<String, String> tree(Path top) throws Exception {
    Map<String, String> result = new TreeMap<>();
    for (Map.Entry<String, FileStat> item : TreeWalk.walk(top, calls).entrySet()) {
      FileStat stat = item.getValue();
      String content = "";
      if (stat.isRegular()) {
        try (InputStream in = Files.newInputStream(top.resolve(item.getKey()))) {
          content = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
      }
      result.put(item.getKey(), Integer.toOctalString(stat.format()) + " " + Integer.toOctalString(stat.mode()) + " "
          + stat.uid() + ":" + stat.gid() + " " + content + " " + stat.linkTarget() + " " + stat.xattrs().stream()
          .map(x -> x.name() + "=" + HexFormat.of().formatHex(x.value())).toList() + " " + stat.rdev() + " "
          + (stat.isDirectory() ? "" : stat.mtime().toInstant().getEpochSecond()));
    }
    return result;
  }

  /** The changes, archived as a layer and unpacked over the image, give the tree the stage left. */
  List<LayerEntry> changesThatRoundTrip() throws Exception {
    List<LayerEntry> changes = root.changes();
    Layer layer = archiver.archive(changes, store);
    List<Layer> next = new ArrayList<>(image);
    next.add(layer);
    try (RootFilesystem again = filesystems.open(next, store)) {
      assertThat(tree(again.directory())).isEqualTo(tree(root.directory()));
    }
    return changes;
  }

  @Test
  void nothingChanged_noEntries() throws Exception {
    assertThat(root.changes()).isEmpty();
  }

  @Test
  void fileAdded_isTheOnlyEntry() throws Exception {
    shell("printf new > newfile");

    assertThat(described(changesThatRoundTrip())).containsExactly("newfile FILE");
  }

  @Test
  void fileAddedDeep_comesAfterItsParents() throws Exception {
    shell("mkdir -p usr/share/doc && printf doc > usr/share/doc/readme");

    assertThat(described(changesThatRoundTrip()))
        .containsExactly("usr DIRECTORY", "usr/share DIRECTORY", "usr/share/doc DIRECTORY", "usr/share/doc/readme FILE");
  }

  @Test
  void contentChangedWithSameSizeAndMtime_isFound() throws Exception {
    shell("printf 4321 > usr/bin/same && touch -d @1700000000 usr/bin/same");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("usr DIRECTORY", "usr/bin DIRECTORY", "usr/bin/same FILE");
    try (InputStream in = changes.get(2).content().orElseThrow().open()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("4321");
    }
  }

  @Test
  void modeChangedOnly_isFound() throws Exception {
    shell("chmod 600 etc/passwd");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("etc DIRECTORY", "etc/passwd FILE");
    assertThat(changes.get(1).mode()).isEqualTo(0600);
  }

  @Test
  void ownerChangedOnly_isFound() throws Exception {
    shell("chown 1000:1001 etc/group");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("etc DIRECTORY", "etc/group FILE");
    assertThat(changes.get(1).uid()).isEqualTo(1000);
    assertThat(changes.get(1).gid()).isEqualTo(1001);
  }

  @Test
  void fileDeleted_isAWhiteout() throws Exception {
    shell("rm data/a");

    assertThat(described(changesThatRoundTrip())).containsExactly("data DIRECTORY", "data/a WHITEOUT");
  }

  @Test
  void directoryTreeDeleted_isOneWhiteout() throws Exception {
    shell("rm -rf data");

    assertThat(described(changesThatRoundTrip())).containsExactly("data WHITEOUT");
  }

  @Test
  void directoryReplacedByFile_isTheFile() throws Exception {
    shell("rm -rf swapdir && printf now-a-file > swapdir");

    assertThat(described(changesThatRoundTrip())).containsExactly("swapdir FILE");
  }

  @Test
  void fileReplacedByDirectory_isTheDirectoryAndItsContent() throws Exception {
    shell("rm swapfile && mkdir swapfile && printf z > swapfile/z");

    List<String> changes = described(changesThatRoundTrip());

    assertThat(changes).contains("swapfile DIRECTORY", "swapfile/z FILE").noneMatch(line -> line.contains("WHITEOUT"));
  }

  @Test
  void directoryReplacedByANewOne_hidesTheOldContent() throws Exception {
    shell("rm -rf redo && mkdir redo && printf new > redo/new");

    List<String> changes = described(changesThatRoundTrip());

    assertThat(changes).contains("redo DIRECTORY", "redo/new FILE");
    // An opaque marker, or (where the file system gave the new directory the old one's inode) a whiteout.
    assertThat(changes).containsAnyOf("redo OPAQUE", "redo/old WHITEOUT");
  }

  @Test
  void newHardLinkToALowerFile_isAFileAndALinkToIt() throws Exception {
    shell("ln lowerfile hardlink");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("hardlink FILE", "lowerfile HARDLINK -> hardlink");
  }

  @Test
  void symlinkRetargeted_isTheNewSymlink() throws Exception {
    shell("ln -sfn etc/group link");

    assertThat(described(changesThatRoundTrip())).containsExactly("link SYMLINK -> etc/group");
  }

  @Test
  void setuidBit_isKept() throws Exception {
    shell("chmod 4755 usr/bin/tool");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("usr DIRECTORY", "usr/bin DIRECTORY", "usr/bin/tool FILE");
    assertThat(changes.get(2).mode()).isEqualTo(04755);
  }

  @Test
  void capabilityAdded_isAnAttributeWithItsExactBytes() throws Exception {
    calls.setXattr(root.directory().resolve("usr/bin/tool"), "security.capability", CAPABILITY);

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("usr DIRECTORY", "usr/bin DIRECTORY", "usr/bin/tool FILE");
    assertThat(changes.get(2).xattrs()).containsExactly(new LayerEntry.Xattr("security.capability", CAPABILITY));
  }

  @Test
  void fifoCreated_isAFifo() throws Exception {
    shell("mkfifo -m 0640 pipe");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("pipe FIFO");
    assertThat(changes.get(0).mode()).isEqualTo(0640);
  }

  @Test
  void deviceNodeCreated_hasItsNumbers() throws Exception {
    shell("mknod -m 0666 nullish c 1 3");

    List<LayerEntry> changes = changesThatRoundTrip();

    assertThat(described(changes)).containsExactly("nullish CHAR_DEVICE");
    assertThat(changes.get(0).device()).isEqualTo(new LayerEntry.Device(1, 3));
  }

  @Test
  void socket_isLeftOut() throws Exception {
    shell("python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind(\"sock\")' && printf x > other");

    assertThat(described(root.changes())).containsExactly("other FILE");
  }
}
