package io.dapp.adapters.env.rootfs;

import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timings, not a test of behaviour: run by name ({@code -Dtest=RootFilesystemMeasurements}); the numbers are in
 * target/surefire-reports/...RootFilesystemMeasurements-output.txt.
 */
class RootFilesystemMeasurements {

  @TempDir
  Path directory;

  private final TarGzLayerArchiver archiver = new TarGzLayerArchiver();

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** 100 MiB in 800 files of 128 KiB, half random bytes, half text (compresses like a real layer, ~2x). */
  private Layer bigLayer(OciLayoutStore store) throws Exception {
    Random random = new Random(1);
    List<LayerEntry> entries = new ArrayList<>();
    for (int d = 0; d < 20; d++) {
      entries.add(LayerEntry.directory("big/d" + d, 0, 0));
      for (int f = 0; f < 40; f++) {
        byte[] bytes = new byte[128 * 1024];
        if (f % 2 == 0) {
          random.nextBytes(bytes);
        } else {
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + (i * 7 + f) % 23);
          }
        }
        entries.add(LayerEntry.file("big/d" + d + "/f" + f, false, 0, 0, bytes.length,
            () -> new ByteArrayInputStream(bytes)));
      }
    }
    return archiver.archive(entries, store);
  }

  private Layer manyFiles(OciLayoutStore store, int count) throws Exception {
    List<LayerEntry> entries = new ArrayList<>();
    byte[] bytes = new byte[1024];
    for (int d = 0; d < count / 100; d++) {
      entries.add(LayerEntry.directory("tree/d" + d, 0, 0));
      for (int f = 0; f < 100; f++) {
        entries.add(LayerEntry.file("tree/d" + d + "/f" + f, false, 0, 0, bytes.length,
            () -> new ByteArrayInputStream(bytes)));
      }
    }
    return archiver.archive(entries, store);
  }

  @Test
  void measure() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));
    Layer big = bigLayer(store);
    System.out.println("100 MiB layer: blob " + big.blob().size() / 1024 / 1024 + " MiB gzip'ed");
    Layer tree = manyFiles(store, 10_000);

    for (int round = 0; round < 3; round++) {
      Path plain = Files.createDirectory(directory.resolve("plain" + round));
      long start = System.nanoTime();
      new LayerUnpacker(new NativeCalls()).unpack(plain, List.of(tree), store);
      System.out.println("unpacking the 10k-file layer into a plain directory, round " + round + ": "
          + millis(start) + " ms");
      Path gnu = Files.createDirectory(directory.resolve("gnutree" + round));
      start = System.nanoTime();
      new ProcessBuilder("tar", "-xzf", Path.of(store.location(), "blobs/sha256", tree.blob().digest().hex())
          .toString()).directory(gnu.toFile()).start().waitFor();
      System.out.println("GNU tar -xzf of the same blob: " + millis(start) + " ms");
    }

    for (LocalRootFilesystems.Choice choice : List.of(LocalRootFilesystems.Choice.COPY,
        LocalRootFilesystems.Choice.OVERLAY)) {
      LocalRootFilesystems filesystems = new LocalRootFilesystems(choice);
      long start = System.nanoTime();
      try (RootFilesystem root = filesystems.open(List.of(tree), store)) {
        System.out.println(choice + ": open of a 10k-file layer: " + millis(start) + " ms");
        start = System.nanoTime();
        List<LayerEntry> none = root.changes();
        System.out.println(choice + ": changes() on the untouched 10k-file tree: " + millis(start) + " ms, "
            + none.size() + " entries");
        for (int i = 0; i < 100; i++) {
          Files.writeString(root.directory().resolve("tree/d" + i + "/f" + i), "changed");
        }
        start = System.nanoTime();
        List<LayerEntry> changes = root.changes();
        System.out.println(choice + ": changes() after 100 files changed: " + millis(start) + " ms, "
            + changes.size() + " entries");
        start = System.nanoTime();
        archiver.archive(changes, store);
        System.out.println(choice + ": archiving those changes: " + millis(start) + " ms");
      }
    }
    for (int round = 0; round < 2; round++) {
      LocalRootFilesystems copy = new LocalRootFilesystems(LocalRootFilesystems.Choice.COPY);
      long start = System.nanoTime();
      try (RootFilesystem root = copy.open(List.of(big), store)) {
        System.out.println("copy: open (unpack + snapshot) of the 100 MiB layer: " + millis(start) + " ms");
      }
      Path gnu = Files.createDirectory(directory.resolve("gnu" + round));
      start = System.nanoTime();
      Process tar = new ProcessBuilder("tar", "--xattrs", "-xzf",
          Path.of(store.location(), "blobs/sha256", big.blob().digest().hex()).toString()).directory(gnu.toFile())
          .start();
      tar.waitFor();
      System.out.println("GNU tar -xzf of the same blob: " + millis(start) + " ms");
      Metadata.deleteTree(gnu);
    }

    LocalRootFilesystems overlay = new LocalRootFilesystems(LocalRootFilesystems.Choice.OVERLAY);
    long start = System.nanoTime();
    try (RootFilesystem root = overlay.open(List.of(big), store)) {
      System.out.println("overlay: first open (unpack into the cache + mount): " + millis(start) + " ms");
    }
    start = System.nanoTime();
    try (RootFilesystem root = overlay.open(List.of(big), store)) {
      System.out.println("overlay: next open (kept: mount only): " + millis(start) + " ms");
    }
    Layer stacked = manyFiles(store, 1000);
    start = System.nanoTime();
    try (RootFilesystem root = overlay.open(List.of(big, stacked), store)) {
      System.out.println("overlay: open adding a 1000-file layer unpacked through an overlay mount: " + millis(start)
          + " ms");
    }

  }
}
