package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the copy driver does, and what both do with a layer they must refuse. */
class CopyDriverTest {

  @TempDir
  Path directory;

  private OciLayoutStore store;
  private final LocalRootFilesystems copy = new LocalRootFilesystems(LocalRootFilesystems.Choice.COPY);

  @BeforeEach
  void store() throws Exception {
    store = OciLayoutStore.open(directory.resolve("store"));
  }

  private Layer layer(String name) throws Exception {
    byte[] bytes = name.getBytes();
    return new TarGzLayerArchiver().archive(List.of(LayerEntry.file(name, false, 0, 0, bytes.length,
        () -> new ByteArrayInputStream(bytes))), store);
  }

  private List<Path> workDirectories() throws Exception {
    Path temporaries = UnpackedLayers.of(store).resolve("tmp");
    try (Stream<Path> listed = Files.list(temporaries)) {
      return listed.toList();
    }
  }

  @Test
  void rootFilesystem_isAPrivateDirectoryUnderTheStore_goneWhenClosed() throws Exception {
    RootFilesystem root = copy.open(List.of(layer("a")), store);
    assertThat(root.directory()).startsWith(UnpackedLayers.of(store));
    assertThat(root.directory().resolve("a")).hasContent("a");
    assertThat(Files.getAttribute(root.directory().getParent(), "unix:mode")).isEqualTo(040700);

    root.close();
    root.close();

    assertThat(workDirectories()).isEmpty();
  }

  @Test
  void committed_keepsNothing() throws Exception {
    Layer base = layer("a");
    try (RootFilesystem root = copy.open(List.of(base), store)) {
      Files.writeString(root.directory().resolve("b"), "b");
      root.committed(new TarGzLayerArchiver().archive(root.changes(), store));
    }

    assertThat(new UnpackedLayers(UnpackedLayers.of(store), new NativeCalls()).kept()).isEmpty();
    assertThat(workDirectories()).isEmpty();
  }

  @Test
  void hostileLayer_isRefusedByBothDrivers_andLeavesNoWorkDirectory() throws Exception {
    Layer hostile = RawLayers.layer(store, tar -> tar.file("../escape", "x"));

    for (LocalRootFilesystems filesystems : List.of(copy,
        new LocalRootFilesystems(LocalRootFilesystems.Choice.OVERLAY))) {
      Throwable thrown = catchThrowable(() -> filesystems.open(List.of(layer("base"), hostile), store));

      assertThat(thrown).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("(2 of 2): entry '../escape': its name climbs above the root with '..'");
      assertThat(workDirectories()).isEmpty();
    }
    assertThat(directory.resolve("escape")).doesNotExist();
    assertThat(UnpackedLayers.of(store).resolve("tmp/escape")).doesNotExist();
  }
}
