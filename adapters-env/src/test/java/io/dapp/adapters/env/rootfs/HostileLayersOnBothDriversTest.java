package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.port.RootFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile layers again, through each driver's whole path (the overlay driver unpacks through an overlay
 * mount into its cache): whatever they say, nothing changes in the temporary directory around the store but
 * the driver's own directory.
 */
class HostileLayersOnBothDriversTest {

  @TempDir
  Path directory;

  @ParameterizedTest
  @EnumSource(value = LocalRootFilesystems.Choice.class, names = {"COPY", "OVERLAY"})
  void symlinksPointingOut_areFollowedInsideTheRoot_andClimbingNamesRefused(LocalRootFilesystems.Choice choice)
      throws Exception {
    Files.createDirectories(directory.resolve("etc"));
    Files.writeString(directory.resolve("etc/passwd"), "the host's passwd");
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));
    Layer base = RawLayers.layer(store, tar -> tar.directory("usr/").file("usr/x", "x")
        .symlink("up", "../../../../../../..").symlink("slash", "/"));
    Layer throughLinks = RawLayers.layer(store, tar -> tar.file("up/etc/passwd", "image passwd")
        .file("slash/etc/group", "image group")
        .symlink("usr", "/").file("usr/etc/shadow", "image shadow")
        .file("up/.wh.x", "").file("slash/etc/.wh.passwd-", ""));
    Layer climbing = RawLayers.layer(store, tar -> tar.hardLink("h", "../../../etc/passwd"));
    Path cache = Files.createDirectory(UnpackedLayers.of(store));
    Map<String, String> before = HostTree.describe(directory, cache);
    LocalRootFilesystems filesystems = new LocalRootFilesystems(choice);

    try (RootFilesystem root = filesystems.open(List.of(base, throughLinks), store)) {
      assertThat(root.directory().resolve("etc/passwd")).hasContent("image passwd");
      assertThat(root.directory().resolve("etc/group")).hasContent("image group");
      assertThat(root.directory().resolve("etc/shadow")).hasContent("image shadow");
    }
    Throwable refused = catchThrowable(() -> filesystems.open(List.of(base, throughLinks, climbing), store));

    assertThat(refused).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(3 of 3): entry 'h': its hard link target '../../../etc/passwd' climbs above the root");
    assertThat(HostTree.describe(directory, cache)).isEqualTo(before);
    assertThat(Path.of("/etc/shadow-image")).doesNotExist();
  }
}
