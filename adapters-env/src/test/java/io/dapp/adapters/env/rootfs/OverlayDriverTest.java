package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digest;
import io.dapp.domain.port.RootFilesystem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the overlay driver does: keeping unpacked layers, mounting, cleaning up. Runs as root. */
class OverlayDriverTest {

  @TempDir
  Path directory;

  private OciLayoutStore store;
  private UnpackedLayers cache;
  private final NativeCalls calls = new NativeCalls();
  private final TarGzLayerArchiver archiver = new TarGzLayerArchiver();
  private final LocalRootFilesystems filesystems = new LocalRootFilesystems();

  @BeforeEach
  void store() throws Exception {
    store = OciLayoutStore.open(directory.resolve("store"));
    cache = new UnpackedLayers(UnpackedLayers.of(store), calls);
  }

  private Layer layer(String... files) throws Exception {
    List<LayerEntry> entries = new ArrayList<>();
    for (String file : files) {
      if (file.startsWith("-")) {
        entries.add(LayerEntry.whiteout(file.substring(1)));
      } else {
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        entries.add(LayerEntry.file(file, false, 0, 0, bytes.length, () -> new ByteArrayInputStream(bytes)));
      }
    }
    return archiver.archive(entries, store);
  }

  private static boolean mounted(Path path) throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(line -> line.split(" ")[4].equals(path.toString()));
  }

  @Test
  void asRoot_theProbeChoosesOverlay_andSaysWhy() {
    assertThat(filesystems.explain(store)).startsWith("overlay: root, and an overlay mounts under "
        + UnpackedLayers.of(store));
  }

  @Test
  void rootFilesystem_isAnOverlayMount_goneWithItsWorkDirectoryWhenClosed() throws Exception {
    RootFilesystem root = filesystems.open(List.of(layer("a")), store);
    Path merged = root.directory();
    assertThat(mounted(merged)).isTrue();
    assertThat(merged.resolve("a")).hasContent("a");

    root.close();

    assertThat(mounted(merged)).isFalse();
    assertThat(merged.getParent()).doesNotExist();
  }

  @Test
  void busyRootFilesystem_isDetachedOnClose() throws Exception {
    RootFilesystem root = filesystems.open(List.of(layer("a")), store);
    Path merged = root.directory();
    Process holder = new ProcessBuilder("sleep", "30").directory(merged.toFile()).start();
    try {
      root.close();

      assertThat(mounted(merged)).isFalse();
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void layers_areUnpackedOnce_andSharedByImagesWithTheSameBase() throws Exception {
    Layer base = layer("base");
    try (RootFilesystem first = filesystems.open(List.of(base, layer("one")), store)) {
      assertThat(first.directory().resolve("one")).exists();
    }
    Path keptBase = UnpackedLayers.of(store).resolve("l").resolve(UnpackedLayers.chainIds(List.of(base)).get(0)
        .substring(0, 16)).resolve("d/base");
    Object inode = Files.getAttribute(keptBase, "unix:ino");

    try (RootFilesystem second = filesystems.open(List.of(base, layer("two")), store)) {
      assertThat(second.directory().resolve("two")).exists();
      assertThat(second.directory().resolve("one")).doesNotExist();
    }

    assertThat(cache.kept()).hasSize(3);
    assertThat(Files.getAttribute(keptBase, "unix:ino")).isEqualTo(inode);
  }

  @Test
  void sameLayerOnAnotherBase_isKeptForEachBase() throws Exception {
    Layer deletesX = layer("-x", "y");
    try (RootFilesystem withX = filesystems.open(List.of(layer("x"), deletesX), store);
        RootFilesystem withoutX = filesystems.open(List.of(layer("z"), deletesX), store)) {
      assertThat(withX.directory().resolve("x")).doesNotExist();
      assertThat(withX.directory().resolve("y")).exists();
      assertThat(withoutX.directory().resolve("z")).exists();
      assertThat(withoutX.directory().resolve("y")).exists();
    }
    assertThat(cache.kept()).hasSize(4);
  }

  @Test
  void committedLayer_isKept_soTheNextStageUnpacksNothing() throws Exception {
    Layer base = layer("base");
    Layer stage;
    try (RootFilesystem root = filesystems.open(List.of(base), store)) {
      Files.writeString(root.directory().resolve("made"), "by the stage");
      stage = archiver.archive(root.changes(), store);
      root.committed(stage);
    }
    assertThat(cache.kept()).hasSize(2);

    try (RootFilesystem next = filesystems.open(List.of(base, stage), store)) {
      assertThat(next.directory().resolve("made")).hasContent("by the stage");
      assertThat(next.changes()).isEmpty();
    }
    assertThat(cache.kept()).hasSize(2);
  }

  @Test
  void removingKeptLayers_waitsForNoBuild_andKeepsThoseOfKeptDiffIds() throws Exception {
    Layer base = layer("base");
    Layer gone = layer("gone");
    RootFilesystem open = filesystems.open(List.of(base, gone), store);
    try {
      assertThat(filesystems.removeUnused(store, Set.of(base.diffId()))).isEmpty();
      assertThat(cache.kept()).hasSize(2);
    } finally {
      open.close();
    }

    assertThat(filesystems.removeUnused(store, Set.<Digest>of(base.diffId()))).hasValue(1);

    assertThat(cache.kept()).hasSize(1);
    try (var leftovers = Files.list(UnpackedLayers.of(store).resolve("tmp"))) {
      assertThat(leftovers).isEmpty();
    }
  }

  @Test
  void concurrentOpensOfTheSameImage_bothGetIt() throws Exception {
    List<Layer> image = List.of(layer("a"), layer("b"), layer("c"));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Callable<Boolean> open = () -> {
        try (RootFilesystem root = filesystems.open(image, store)) {
          return Files.exists(root.directory().resolve("a")) && Files.exists(root.directory().resolve("c"));
        }
      };
      Future<Boolean> first = threads.submit(open);
      Future<Boolean> second = threads.submit(open);
      assertThat(first.get()).isTrue();
      assertThat(second.get()).isTrue();
    } finally {
      threads.shutdownNow();
    }
    assertThat(cache.kept()).hasSize(3);
  }

  @Test
  void imageOf150Layers_fitsInOneMount() throws Exception {
    List<Layer> image = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      image.add(layer("f" + i));
    }

    try (RootFilesystem root = filesystems.open(image, store)) {
      assertThat(root.directory().resolve("f0")).exists();
      assertThat(root.directory().resolve("f149")).exists();
    }
  }

  @Test
  void directoriesDappMakesInTheCache_arePrivate() throws Exception {
    try (RootFilesystem root = filesystems.open(List.of(layer("a")), store)) {
      for (Path made : List.of(UnpackedLayers.of(store), UnpackedLayers.of(store).resolve("l"),
          UnpackedLayers.of(store).resolve("tmp"), root.directory().getParent())) {
        assertThat(Files.getAttribute(made, "unix:mode")).as(made.toString()).isEqualTo(040700);
      }
    }
  }

  @Test
  void emptyImage_isAnEmptyRoot() throws Exception {
    try (RootFilesystem root = filesystems.open(List.of(), store)) {
      Files.writeString(root.directory().resolve("first"), "1");
      assertThat(root.changes()).extracting(LayerEntry::path).containsExactly("first");
    }
    assertThat(Optional.of(cache.kept())).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .isEmpty();
  }
}
